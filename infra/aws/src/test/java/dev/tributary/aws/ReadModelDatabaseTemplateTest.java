package dev.tributary.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

@NeedsNodeJs
class ReadModelDatabaseTemplateTest {

    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = Synthesized.template();
    }

    @Test
    void primary_is_encrypted_postgres_17_on_graviton_in_two_zones_and_kept_as_a_snapshot() {
        template.hasResource("AWS::RDS::DBInstance", Map.of(
                "Properties", Match.objectLike(Map.of(
                        "Engine", "postgres",
                        "EngineVersion", "17",
                        "DBInstanceClass", "db.m7g.large",
                        "DBName", "tributary",
                        "StorageEncrypted", true,
                        "MultiAZ", true,
                        "PubliclyAccessible", false,
                        "DeletionProtection", true)),
                "DeletionPolicy", "Snapshot"));
    }

    @Test
    void the_read_replica_replicates_the_primary() {
        String primary = Synthesized.logicalId("AWS::RDS::DBInstance", Map.of("DBName", "tributary"));
        var replicas = template.findResources("AWS::RDS::DBInstance",
                Map.of("Properties", Map.of("SourceDBInstanceIdentifier", Match.anyValue())));

        assertThat(replicas).hasSize(1);
        var source = Synthesized.properties(replicas.values().iterator().next()).get("SourceDBInstanceIdentifier");
        assertThat(source.toString()).contains("{Ref=" + primary + "}");
    }

    @Test
    void only_the_query_service_and_the_projector_reach_postgres() {
        var ingress = template.findResources("AWS::EC2::SecurityGroupIngress").values().stream()
                .map(Synthesized::properties)
                .filter(rule -> rule.get("GroupId").toString().contains("ReadModel"))
                .toList();
        assertThat(ingress).allSatisfy(rule -> assertThat(rule.get("FromPort").toString()).contains("Endpoint.Port"));
        Set<String> sources = ingress.stream()
                .map(rule -> rule.get("SourceSecurityGroupId").toString())
                .collect(Collectors.toSet());

        assertThat(ingress).hasSize(3);
        assertThat(sources).hasSize(2).allMatch(source -> source.contains("queryservice") || source.contains("projector"));
    }

    @Test
    void database_credentials_and_the_jwt_key_reach_the_tasks_as_secrets_never_as_plain_environment() {
        for (String service : List.of("command-service", "query-service", "projector")) {
            var container = Synthesized.container(service);
            var environment = Synthesized.list(container.get("Environment")).stream()
                    .map(entry -> (String) Synthesized.map(entry).get("Name")).toList();
            var secrets = Synthesized.list(container.get("Secrets")).stream()
                    .map(entry -> (String) Synthesized.map(entry).get("Name")).toList();

            assertThat(environment).as(service).noneMatch(name -> name.endsWith("PASSWORD")
                    || name.endsWith("USERNAME") || name.endsWith("JWT_SECRET"));
            assertThat(secrets).as(service).contains("TRIBUTARY_AUTH_JWT_SECRET");
            if (!service.equals("command-service")) {
                assertThat(secrets).as(service).contains("DATASOURCES_DEFAULT_USERNAME", "DATASOURCES_DEFAULT_PASSWORD");
            }
        }
        assertThat(Synthesized.container("query-service").get("Secrets").toString())
                .contains("DATASOURCES_REPORTS_PASSWORD", ":password::", ":username::");
    }

    @Test
    void the_analysts_login_gets_a_generated_password_that_the_projector_sets_and_the_query_service_logs_in_with() {
        template.hasResourceProperties("AWS::SecretsManager::Secret", Map.of("Name", "tributary/analyst-password",
                "GenerateSecretString", Match.objectLike(Map.of("ExcludePunctuation", true))));
        var query = secretSource("query-service", "TRIBUTARY_QUERY_ANALYST_PASSWORD");
        var projector = secretSource("projector", "TRIBUTARY_PROJECTOR_ANALYST_PASSWORD");
        assertThat(query).as("one secret for both").isEqualTo(projector).contains("AnalystPassword");
        assertThat(Synthesized.container("command-service").get("Secrets").toString()).doesNotContain("ANALYST");
    }

    private static String secretSource(String service, String name) {
        return Synthesized.list(Synthesized.container(service).get("Secrets")).stream().map(Synthesized::map)
                .filter(secret -> name.equals(secret.get("Name"))).findFirst()
                .orElseThrow(() -> new AssertionError(service + " has no secret " + name)).get("ValueFrom").toString();
    }
}
