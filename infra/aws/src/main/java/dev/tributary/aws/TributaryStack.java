package dev.tributary.aws;

import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * Tributary on AWS: the event store tables, the read model's Postgres with a replica, the three
 * services on Fargate, their secrets and least-privilege task roles, and the projector's alarms.
 *
 * <p>The network spans two zones: public subnets for the load balancer and one NAT gateway, private
 * subnets for the tasks, isolated subnets for the database. DynamoDB and S3 (ECR's image layers) are
 * reached through free gateway endpoints rather than the NAT gateway.
 */
public final class TributaryStack extends Stack {

    final EventStore eventStore;
    final ReadModelDatabase database;
    final Services services;
    final Alarms alarms;

    TributaryStack(Construct scope, String id, StackProps props, DeploymentSettings settings) {
        super(scope, id, props);
        var vpc = Vpc.Builder.create(this, "Network")
                .maxAzs(2)
                .natGateways(1)
                .subnetConfiguration(List.of(
                        subnet("edge", SubnetType.PUBLIC, 24),
                        subnet("services", SubnetType.PRIVATE_WITH_EGRESS, 22),
                        subnet("database", SubnetType.PRIVATE_ISOLATED, 24)))
                .build();
        vpc.addGatewayEndpoint("DynamoDb", GatewayVpcEndpointOptions.builder()
                .service(GatewayVpcEndpointAwsService.DYNAMODB).build());
        vpc.addGatewayEndpoint("S3", GatewayVpcEndpointOptions.builder()
                .service(GatewayVpcEndpointAwsService.S3).build());

        eventStore = new EventStore(this, "EventStore");
        database = new ReadModelDatabase(this, "ReadModel", vpc, new InstanceType(settings.databaseInstanceType()),
                settings.databaseMultiAz());
        var jwtSecret = Secret.Builder.create(this, "JwtSecret")
                .secretName("tributary/jwt-secret")
                .description("HS256 key that signs and checks the services' bearer tokens")
                .generateSecretString(SecretStringGenerator.builder().passwordLength(64).excludePunctuation(true).build())
                .build();
        // The analysts' login (tributary_analyst) needs a password on RDS: the projector sets it after its
        // migrations, and the query service logs in with it.
        var analystSecret = Secret.Builder.create(this, "AnalystPassword")
                .secretName("tributary/analyst-password")
                .description("password of the read model's tributary_analyst login, which analysts' SQL runs on")
                .generateSecretString(SecretStringGenerator.builder().passwordLength(40).excludePunctuation(true).build())
                .build();
        services = new Services(this, "Services", vpc, settings, eventStore, database, jwtSecret, analystSecret);
        TaskPermissions.commandService(services.commandService.getTaskDefinition().getTaskRole(), eventStore);
        TaskPermissions.projector(services.projector.getTaskDefinition().getTaskRole(), eventStore);
        alarms = new Alarms(this, "Alarms", eventStore, settings.alarmEmail());

        String scheme = settings.certificateArn().isPresent() ? "https://" : "http://";
        String host = services.edge.getLoadBalancerDnsName();
        CfnOutput.Builder.create(this, "CommandUrl").value(scheme + host + ":" + Services.COMMAND_PORT).build();
        CfnOutput.Builder.create(this, "QueryUrl").value(scheme + host + ":" + Services.QUERY_PORT).build();
    }

    private static SubnetConfiguration subnet(String name, SubnetType type, int cidrMask) {
        return SubnetConfiguration.builder().name(name).subnetType(type).cidrMask(cidrMask).build();
    }
}
