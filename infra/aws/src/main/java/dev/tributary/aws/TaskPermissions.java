package dev.tributary.aws;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * What each service's task role may do, and nothing more. The query service gets no statement at all:
 * it reads only Postgres.
 */
final class TaskPermissions {

    /** The projector's KCL application: the name of its lease table and the prefix of its other two. */
    static final String KCL_APPLICATION = "tributary-projector";

    private static final List<String> KCL_TABLE_ACTIONS = List.of("dynamodb:CreateTable", "dynamodb:DescribeTable",
            "dynamodb:UpdateTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
            "dynamodb:DeleteItem", "dynamodb:Scan", "dynamodb:Query");

    private TaskPermissions() {
    }

    /**
     * Appends events and idempotency records (a conditional PutItem, or a TransactWriteItems, which IAM
     * authorizes by its per-item actions) and reads an aggregate's events: no Scan, UpdateItem or
     * DeleteItem there, the log is append-only. Reads, writes and deletes unusable snapshots.
     */
    static void commandService(IRole role, EventStore tables) {
        allow(role, List.of("dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Query",
                "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable"),
                tables.events.getTableArn(), tables.idempotency.getTableArn());
        allow(role, List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:DescribeTable"),
                tables.snapshots.getTableArn());
    }

    /**
     * Reads the events stream; queries the events table to repair gaps and scans it to rebuild; keeps
     * KCL's lease, coordinator-state and worker-metrics tables (KCL creates them, and adds an index to
     * the lease table); and publishes its metrics to the {@code Tributary} namespace only.
     */
    static void projector(IRole role, EventStore tables) {
        tables.events.grantStreamRead(role);
        allow(role, List.of("dynamodb:DescribeTable", "dynamodb:Query", "dynamodb:Scan"), tables.events.getTableArn());
        String prefix = Stack.of(role).formatArn(ArnComponents.builder()
                .service("dynamodb").resource("table").resourceName(KCL_APPLICATION).build());
        allow(role, KCL_TABLE_ACTIONS, prefix, prefix + "/index/*",
                prefix + "-CoordinatorState", prefix + "-WorkerMetricStats");
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("cloudwatch:PutMetricData"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace", ProjectorMetrics.NAMESPACE)))
                .build());
    }

    private static void allow(IRole role, List<String> actions, String... resources) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(actions).resources(List.of(resources)).build());
    }
}
