package dev.tributary.aws;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

@NeedsNodeJs
class EventStoreTemplateTest {

    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = Synthesized.template();
    }

    @Test
    void events_table_is_keyed_by_aggregate_and_version_and_streams_new_images() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "TableName", "tributary-events",
                "KeySchema", List.of(key("pk", "HASH"), key("sk", "RANGE")),
                "AttributeDefinitions", Match.arrayEquals(List.of(attribute("pk", "S"), attribute("sk", "N"))),
                "StreamSpecification", Map.of("StreamViewType", "NEW_IMAGE")));
    }

    @Test
    void events_table_keeps_history_with_pitr_and_deletion_protection() {
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "Properties", Match.objectLike(Map.of(
                        "TableName", "tributary-events",
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                        "DeletionProtectionEnabled", true)),
                "DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain"));
    }

    @Test
    void idempotency_keys_expire_by_ttl_on_expires_at() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "TableName", "tributary-idempotency",
                "KeySchema", List.of(key("key", "HASH")),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true)));
    }

    @Test
    void snapshots_are_a_cache_keyed_by_aggregate_without_a_stream() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "TableName", "tributary-snapshots",
                "KeySchema", List.of(key("pk", "HASH")),
                "StreamSpecification", Match.absent()));
    }

    @Test
    void every_table_bills_per_request() {
        template.resourceCountIs("AWS::DynamoDB::Table", 3);
        template.resourcePropertiesCountIs("AWS::DynamoDB::Table", Map.of("BillingMode", "PAY_PER_REQUEST"), 3);
    }

    private static Map<String, String> key(String name, String type) {
        return Map.of("AttributeName", name, "KeyType", type);
    }

    private static Map<String, String> attribute(String name, String type) {
        return Map.of("AttributeName", name, "AttributeType", type);
    }
}
