package dev.tributary.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

@NeedsNodeJs
class ServicesTemplateTest {

    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = Synthesized.template();
    }

    @Test
    void command_and_query_services_are_reached_through_a_public_load_balancer_checked_on_health() {
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of("Scheme", "internet-facing"));
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 2);
        for (int port : List.of(8081, 8082)) {
            template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of("Port", port));
            template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup",
                    Map.of("Port", port, "HealthCheckPath", "/health/liveness", "TargetType", "ip"));
        }
    }

    @Test
    void the_projector_has_no_load_balancer_and_runs_one_active_worker_and_one_standby() {
        template.hasResourceProperties("AWS::ECS::Service", Map.of(
                "ServiceName", "tributary-projector",
                "DesiredCount", 2,
                "LoadBalancers", Match.absent()));
    }

    @Test
    void command_and_query_services_scale_on_cpu_and_the_projector_does_not() {
        template.resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 2);
        template.resourcePropertiesCountIs("AWS::ApplicationAutoScaling::ScalingPolicy", Map.of(
                "TargetTrackingScalingPolicyConfiguration", Match.objectLike(Map.of(
                        "PredefinedMetricSpecification",
                        Map.of("PredefinedMetricType", "ECSServiceAverageCPUUtilization")))), 2);
        assertThat(template.findResources("AWS::ApplicationAutoScaling::ScalableTarget").toString())
                .contains("Servicescommandservice", "Servicesqueryservice").doesNotContain("Servicesprojector");
    }

    @Test
    void tasks_run_on_arm64_in_private_subnets_without_public_addresses() {
        template.resourcePropertiesCountIs("AWS::ECS::Service", Map.of("NetworkConfiguration", Map.of(
                "AwsvpcConfiguration", Match.objectLike(Map.of("AssignPublicIp", "DISABLED")))), 3);
        template.resourcePropertiesCountIs("AWS::ECS::TaskDefinition",
                Map.of("RuntimePlatform", Map.of("CpuArchitecture", "ARM64", "OperatingSystemFamily", "LINUX")), 3);
    }

    @Test
    void each_service_is_told_its_tables_region_and_port() {
        assertThat(environment("command-service")).containsKeys("AWS_REGION", "TRIBUTARY_DYNAMODB_REGION",
                "TRIBUTARY_DYNAMODB_EVENTS_TABLE", "TRIBUTARY_DYNAMODB_IDEMPOTENCY_TABLE",
                "TRIBUTARY_DYNAMODB_SNAPSHOTS_TABLE").containsEntry("TRIBUTARY_COMMAND_PORT", "8081");
        assertThat(environment("query-service")).containsEntry("TRIBUTARY_QUERY_PORT", "8082")
                .containsKeys("DATASOURCES_DEFAULT_URL", "DATASOURCES_REPORTS_URL");
        assertThat(environment("query-service").get("DATASOURCES_REPORTS_URL")).contains("ReadModelReplica", ":5432", "/tributary")
                .doesNotContain("ReadModelPrimary");
        assertThat(environment("projector")).containsEntry("TRIBUTARY_PROJECTOR_PORT", "8083")
                .containsEntry("TRIBUTARY_PROJECTOR_APPLICATION_NAME", "tributary-projector")
                .containsEntry("MICRONAUT_METRICS_EXPORT_CLOUDWATCH_ENABLED", "true")
                .containsEntry("MICRONAUT_METRICS_EXPORT_CLOUDWATCH_NAMESPACE", "Tributary");
        assertThat(environment("projector").get("DATASOURCES_DEFAULT_URL")).contains("ReadModelPrimary");
    }

    @Test
    void images_come_from_the_ecr_repository_of_each_service_at_the_deployed_tag() {
        for (String service : List.of("command-service", "query-service", "projector")) {
            assertThat(Synthesized.container(service).get("Image").toString())
                    .contains(".dkr.ecr.", "/tributary-" + service + ":test");
        }
    }

    private static Map<String, String> environment(String service) {
        var environment = new TreeMap<String, String>();
        for (Object entry : Synthesized.list(Synthesized.container(service).get("Environment"))) {
            var pair = Synthesized.map(entry);
            environment.put((String) pair.get("Name"), pair.get("Value").toString());
        }
        return environment;
    }
}
