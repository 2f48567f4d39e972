package dev.tributary.aws;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.CredentialsBaseOptions;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.DatabaseInstanceReadReplica;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.StorageType;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * The read model's Postgres on RDS: an encrypted primary, which the projector writes and the query
 * service's waits LISTEN on, and a read replica for reports. Both sit in isolated subnets and admit
 * only the services let in by {@link #admitToPrimary} and {@link #admitToReplica}.
 *
 * <p>The credentials are generated into Secrets Manager ({@code username} and {@code password} fields).
 * The replica inherits the primary's storage encryption and credentials.
 */
public final class ReadModelDatabase extends Construct {

    public static final String DATABASE = "tributary";
    public static final int PORT = 5432;

    private final DatabaseInstance primary;
    private final DatabaseInstanceReadReplica replica;

    ReadModelDatabase(Construct scope, String id, IVpc vpc, InstanceType instanceType, boolean multiAz) {
        super(scope, id);
        var isolated = SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();
        primary = DatabaseInstance.Builder.create(this, "Primary")
                .engine(DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder()
                        .version(PostgresEngineVersion.VER_17).build()))
                .instanceType(instanceType)
                .vpc(vpc)
                .vpcSubnets(isolated)
                .credentials(Credentials.fromGeneratedSecret(DATABASE, CredentialsBaseOptions.builder()
                        .secretName("tributary/database").build()))
                .databaseName(DATABASE)
                .port(PORT)
                .multiAz(multiAz)
                .storageEncrypted(true)
                .storageType(StorageType.GP3)
                .allocatedStorage(100)
                .maxAllocatedStorage(1000)
                .backupRetention(Duration.days(7))
                .cloudwatchLogsExports(List.of("postgresql"))
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.SNAPSHOT)
                .build();
        replica = DatabaseInstanceReadReplica.Builder.create(this, "Replica")
                .sourceDatabaseInstance(primary)
                .instanceType(instanceType)
                .storageType(StorageType.GP3)
                .port(PORT)
                .vpc(vpc)
                .vpcSubnets(isolated)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
    }

    ISecret credentials() {
        return primary.getSecret();
    }

    String primaryJdbcUrl() {
        return jdbcUrl(primary.getDbInstanceEndpointAddress());
    }

    String replicaJdbcUrl() {
        return jdbcUrl(replica.getDbInstanceEndpointAddress());
    }

    void admitToPrimary(IConnectable service) {
        primary.getConnections().allowDefaultPortFrom(service);
    }

    void admitToReplica(IConnectable service) {
        replica.getConnections().allowDefaultPortFrom(service);
    }

    private static String jdbcUrl(String host) {
        return "jdbc:postgresql://" + host + ":" + PORT + "/" + DATABASE;
    }
}
