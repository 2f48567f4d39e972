package dev.tributary.aws;

import static dev.tributary.aws.Synthesized.actions;
import static dev.tributary.aws.Synthesized.taskRoleStatements;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@NeedsNodeJs
class TaskPermissionsTemplateTest {

    @Test
    void query_service_task_role_has_no_dynamodb_access() {
        assertThat(taskRoleStatements("query-service")).flatMap(Synthesized::actions)
                .noneMatch(action -> action.startsWith("dynamodb:"));
    }

    @Test
    void command_service_appends_and_reads_events_but_can_never_scan_update_or_delete_them() {
        var statements = taskRoleStatements("command-service");
        String events = Synthesized.logicalId("AWS::DynamoDB::Table", Map.of("TableName", "tributary-events"));
        String idempotency = Synthesized.logicalId("AWS::DynamoDB::Table", Map.of("TableName", "tributary-idempotency"));
        String snapshots = Synthesized.logicalId("AWS::DynamoDB::Table", Map.of("TableName", "tributary-snapshots"));

        assertThat(actions(statementOn(statements, List.of(arn(events), arn(idempotency))))).containsExactlyInAnyOrder(
                "dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:ConditionCheckItem",
                "dynamodb:DescribeTable");
        assertThat(actions(statementOn(statements, arn(snapshots)))).containsExactlyInAnyOrder(
                "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:DescribeTable");
        assertThat(statements).hasSize(2);
    }

    @Test
    void projector_reads_the_events_stream_and_the_table_for_gap_repair_and_rebuilds() {
        var statements = taskRoleStatements("projector");
        String events = Synthesized.logicalId("AWS::DynamoDB::Table", Map.of("TableName", "tributary-events"));

        assertThat(actions(statementOn(statements, Map.of("Fn::GetAtt", List.of(events, "StreamArn")))))
                .containsExactlyInAnyOrder("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator");
        assertThat(actions(statementOn(statements, "*"))).containsExactly("dynamodb:ListStreams");
        assertThat(actions(statementOn(statements, arn(events))))
                .containsExactlyInAnyOrder("dynamodb:DescribeTable", "dynamodb:Query", "dynamodb:Scan");
    }

    @Test
    void projector_manages_only_its_kcl_lease_coordinator_and_worker_metrics_tables() {
        var kcl = statement(taskRoleStatements("projector"), "dynamodb:CreateTable");

        assertThat(actions(kcl)).containsExactlyInAnyOrder("dynamodb:CreateTable", "dynamodb:DescribeTable",
                "dynamodb:UpdateTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:DeleteItem", "dynamodb:Scan", "dynamodb:Query");
        assertThat(Synthesized.list(kcl.get("Resource"))).extracting(Object::toString).satisfiesExactlyInAnyOrder(
                arn -> assertThat(arn).contains(":table/tributary-projector]"),
                arn -> assertThat(arn).contains(":table/tributary-projector/index/*]"),
                arn -> assertThat(arn).contains(":table/tributary-projector-CoordinatorState]"),
                arn -> assertThat(arn).contains(":table/tributary-projector-WorkerMetricStats]"));
    }

    @Test
    void projector_publishes_metrics_to_the_tributary_namespace_only() {
        var putMetrics = statement(taskRoleStatements("projector"), "cloudwatch:PutMetricData");

        assertThat(putMetrics.get("Condition"))
                .isEqualTo(Map.of("StringEquals", Map.of("cloudwatch:namespace", "Tributary")));
    }

    private static Map<String, Object> arn(String table) {
        return Map.of("Fn::GetAtt", List.of(table, "Arn"));
    }

    private static Map<String, Object> statementOn(List<Map<String, Object>> statements, Object resource) {
        var matching = statements.stream().filter(s -> resource.equals(s.get("Resource"))
                && !actions(s).contains("cloudwatch:PutMetricData")).toList();
        assertThat(matching).as("statements on " + resource).hasSize(1);
        return matching.getFirst();
    }

    private static Map<String, Object> statement(List<Map<String, Object>> statements, String action) {
        var matching = statements.stream().filter(s -> actions(s).contains(action)).toList();
        assertThat(matching).as("statements allowing " + action).hasSize(1);
        return matching.getFirst();
    }
}
