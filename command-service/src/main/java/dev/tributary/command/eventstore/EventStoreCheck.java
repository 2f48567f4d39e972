package dev.tributary.command.eventstore;

import dev.tributary.events.TableNames;
import dev.tributary.kit.dynamo.DynamoSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Fails start-up with a clear message when the events table cannot be reached, instead of failing
 * the first command. Also opens the client's connections before traffic arrives.
 */
@Context
@Requires(property = "tributary.command.check-tables", notEquals = "false")
final class EventStoreCheck {

    EventStoreCheck(DynamoDbClient dynamo, TableNames tables, DynamoSettings settings) {
        String where = settings.endpoint() == null ? "region " + settings.region() : settings.endpoint().toString();
        try {
            dynamo.describeTable(d -> d.tableName(tables.events()));
        } catch (ResourceNotFoundException e) {
            throw new IllegalStateException("the events table '" + tables.events() + "' does not exist at " + where
                    + "; create it (see README, Running on AWS) or set TRIBUTARY_DYNAMODB_EVENTS_TABLE", e);
        }
    }
}
