package dev.tributary.kit.dynamo;

import dev.tributary.eventstore.TableNames;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;

/**
 * Where the event store lives. Every field can be set by environment variable, for example
 * {@code TRIBUTARY_DYNAMODB_ENDPOINT}, {@code TRIBUTARY_DYNAMODB_REGION},
 * {@code TRIBUTARY_DYNAMODB_EVENTS_TABLE}, {@code TRIBUTARY_DYNAMODB_SNAPSHOTS_TABLE}.
 *
 * @param endpoint       null for AWS itself; set it for DynamoDB Local
 * @param snapshotsTable null to name it after the events table ({@code tributary-snapshots} by default),
 *                       see {@link TableNames#TableNames(String, String)}
 */
@ConfigurationProperties("tributary.dynamodb")
public record DynamoSettings(
        @Nullable URI endpoint,
        @Bindable(defaultValue = "us-east-1") String region,
        @Bindable(defaultValue = "tributary-events") String eventsTable,
        @Bindable(defaultValue = "tributary-idempotency") String idempotencyTable,
        @Nullable String snapshotsTable) {

    public TableNames tableNames() {
        return snapshotsTable == null || snapshotsTable.isBlank() ? new TableNames(eventsTable, idempotencyTable)
                : new TableNames(eventsTable, idempotencyTable, snapshotsTable);
    }
}
