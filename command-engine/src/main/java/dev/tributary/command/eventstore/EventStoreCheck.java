package dev.tributary.command.eventstore;

import dev.tributary.command.snapshot.SnapshotSettings;
import dev.tributary.eventstore.TableNames;
import dev.tributary.kit.dynamo.DynamoSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Checks the tables at start-up, instead of at the first command, and opens the client's connections
 * before traffic arrives.
 *
 * <ul>
 *   <li>No events table: start-up fails, saying which table and where.</li>
 *   <li>No snapshots table (while snapshots are on): a WARN saying which, and the service starts.
 *       Snapshots only make loads faster, so commands work without them, each loading its aggregate
 *       from all its events, and they are taken from the moment the table appears.</li>
 * </ul>
 */
@Context
@Requires(property = "tributary.command.check-tables", notEquals = "false")
final class EventStoreCheck {

    private static final Logger LOG = LoggerFactory.getLogger(EventStoreCheck.class);

    EventStoreCheck(DynamoDbClient dynamo, TableNames tables, DynamoSettings settings, SnapshotSettings snapshots) {
        String where = settings.endpoint() == null ? "region " + settings.region() : settings.endpoint().toString();
        try {
            dynamo.describeTable(d -> d.tableName(tables.events()));
        } catch (ResourceNotFoundException e) {
            throw new IllegalStateException("the events table '" + tables.events() + "' does not exist at " + where
                    + "; create it (see README, Running on AWS) or set TRIBUTARY_DYNAMODB_EVENTS_TABLE", e);
        }
        if (!snapshots.enabled()) {
            return;
        }
        try {
            dynamo.describeTable(d -> d.tableName(tables.snapshots()));
        } catch (ResourceNotFoundException e) {
            LOG.warn("the snapshots table '{}' does not exist at {}; commands will work, but each one reads its "
                    + "aggregate's whole history until the table exists. Create it (hash key pk, a string; no stream), "
                    + "set TRIBUTARY_DYNAMODB_SNAPSHOTS_TABLE, or turn snapshots off with TRIBUTARY_COMMAND_SNAPSHOT_EVERY=0",
                    tables.snapshots(), where);
        }
    }
}
