package dev.tributary.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * The three services on Fargate (ARM64) in the private subnets. The command and query services sit
 * behind a public load balancer on their own ports and scale on CPU; the projector has no load
 * balancer and runs two tasks: one holds each stream shard's lease, the other stands by to take it.
 *
 * <p>Configuration reaches the services as environment variables, which Micronaut maps to
 * properties; credentials reach them as ECS secrets, read from Secrets Manager when a task starts.
 */
public final class Services extends Construct {

    public static final int COMMAND_PORT = 8081;
    public static final int QUERY_PORT = 8082;
    public static final int PROJECTOR_PORT = 8083;

    final FargateService commandService;
    final FargateService queryService;
    final FargateService projector;
    final ApplicationLoadBalancer edge;

    private final Cluster cluster;
    private final String imageTag;

    Services(Construct scope, String id, IVpc vpc, DeploymentSettings settings, EventStore eventStore,
             ReadModelDatabase database, ISecret jwtSecret, ISecret analystSecret) {
        super(scope, id);
        cluster = Cluster.Builder.create(this, "Cluster").vpc(vpc).clusterName("tributary").build();
        imageTag = settings.imageTag();
        Map<String, String> dynamo = dynamoEnvironment(eventStore);
        Secret jwt = Secret.fromSecretsManager(jwtSecret);
        Secret analyst = Secret.fromSecretsManager(analystSecret);
        Map<String, String> primary = Map.of("DATASOURCES_DEFAULT_URL", database.primaryJdbcUrl());

        commandService = service("command-service", COMMAND_PORT, 2,
                merge(dynamo, Map.of("TRIBUTARY_COMMAND_PORT", port(COMMAND_PORT))),
                Map.of("TRIBUTARY_AUTH_JWT_SECRET", jwt));
        queryService = service("query-service", QUERY_PORT, 2,
                merge(dynamo, primary, Map.of("TRIBUTARY_QUERY_PORT", port(QUERY_PORT),
                        "DATASOURCES_REPORTS_URL", database.replicaJdbcUrl())),
                merge(Map.of("TRIBUTARY_AUTH_JWT_SECRET", jwt, "TRIBUTARY_QUERY_ANALYST_PASSWORD", analyst),
                        credentials(database, "DEFAULT"), credentials(database, "REPORTS")));
        projector = service("projector", PROJECTOR_PORT, 2,
                merge(dynamo, primary, Map.of("TRIBUTARY_PROJECTOR_PORT", port(PROJECTOR_PORT),
                        "TRIBUTARY_PROJECTOR_APPLICATION_NAME", TaskPermissions.KCL_APPLICATION,
                        "MICRONAUT_METRICS_EXPORT_CLOUDWATCH_ENABLED", "true",
                        "MICRONAUT_METRICS_EXPORT_CLOUDWATCH_NAMESPACE", ProjectorMetrics.NAMESPACE)),
                merge(Map.of("TRIBUTARY_AUTH_JWT_SECRET", jwt, "TRIBUTARY_PROJECTOR_ANALYST_PASSWORD", analyst),
                        credentials(database, "DEFAULT")));

        database.admitToPrimary(queryService);
        database.admitToReplica(queryService);
        database.admitToPrimary(projector);

        edge = ApplicationLoadBalancer.Builder.create(this, "Edge").vpc(vpc).internetFacing(true).build();
        expose("Commands", commandService, COMMAND_PORT, settings.certificateArn());
        expose("Queries", queryService, QUERY_PORT, settings.certificateArn());
    }

    private FargateService service(String name, int port, int tasks, Map<String, String> environment,
                                   Map<String, Secret> secrets) {
        var task = FargateTaskDefinition.Builder.create(this, name + "-task")
                .family("tributary-" + name)
                .cpu(1024)
                .memoryLimitMiB(2048)
                .runtimePlatform(RuntimePlatform.builder().cpuArchitecture(CpuArchitecture.ARM64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX).build())
                .build();
        var logs = LogGroup.Builder.create(this, name + "-logs").logGroupName("/tributary/" + name)
                .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build();
        var repository = Repository.fromRepositoryName(this, name + "-images", "tributary-" + name);
        task.addContainer(name, ContainerDefinitionOptions.builder()
                .containerName(name)
                .image(ContainerImage.fromEcrRepository(repository, imageTag))
                .environment(merge(environment, Map.of("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75")))
                .secrets(secrets)
                .portMappings(List.of(PortMapping.builder().containerPort(port).build()))
                .logging(LogDrivers.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix(name).build()))
                // On SIGTERM the projector finishes its batch and checkpoints; KCL allows that up to 30 s.
                .stopTimeout(Duration.seconds(60))
                .build());
        return FargateService.Builder.create(this, name)
                .serviceName("tributary-" + name)
                .cluster(cluster)
                .taskDefinition(task)
                .desiredCount(tasks)
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                .circuitBreaker(DeploymentCircuitBreaker.builder().rollback(true).build())
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                .assignPublicIp(false)
                .build();
    }

    private void expose(String id, FargateService service, int port, Optional<String> certificateArn) {
        var listener = edge.addListener(id, BaseApplicationListenerProps.builder()
                .port(port)
                .protocol(certificateArn.isPresent() ? ApplicationProtocol.HTTPS : ApplicationProtocol.HTTP)
                .certificates(certificateArn.map(arn -> List.of(ListenerCertificate.fromArn(arn))).orElse(null))
                .open(true)
                .build());
        listener.addTargets(id + "Targets", AddApplicationTargetsProps.builder()
                .port(port)
                .protocol(ApplicationProtocol.HTTP)
                .targets(List.of(service))
                // Liveness only: /health also reports a stalled projector, which no restart of a web task would cure.
                .healthCheck(HealthCheck.builder().path("/health/liveness").build())
                .deregistrationDelay(Duration.seconds(30))
                .build());
        service.autoScaleTaskCount(EnableScalingProps.builder().minCapacity(2).maxCapacity(10).build())
                .scaleOnCpuUtilization(id + "Cpu", CpuUtilizationScalingProps.builder()
                        .targetUtilizationPercent(60).build());
    }

    private Map<String, String> dynamoEnvironment(EventStore eventStore) {
        String region = Stack.of(this).getRegion();
        return Map.of(
                "AWS_REGION", region,
                "TRIBUTARY_DYNAMODB_REGION", region,
                "TRIBUTARY_DYNAMODB_EVENTS_TABLE", eventStore.events.getTableName(),
                "TRIBUTARY_DYNAMODB_IDEMPOTENCY_TABLE", eventStore.idempotency.getTableName(),
                "TRIBUTARY_DYNAMODB_SNAPSHOTS_TABLE", eventStore.snapshots.getTableName());
    }

    private static Map<String, Secret> credentials(ReadModelDatabase database, String datasource) {
        return Map.of(
                "DATASOURCES_" + datasource + "_USERNAME", Secret.fromSecretsManager(database.credentials(), "username"),
                "DATASOURCES_" + datasource + "_PASSWORD", Secret.fromSecretsManager(database.credentials(), "password"));
    }

    private static String port(int port) {
        return Integer.toString(port);
    }

    @SafeVarargs
    private static <V> Map<String, V> merge(Map<String, V>... maps) {
        var merged = new TreeMap<String, V>();
        for (var map : maps) {
            merged.putAll(map);
        }
        return merged;
    }
}
