package dev.tributary.projector.projection;

import dev.tributary.events.AggregateId;
import dev.tributary.eventstore.EventQueries;
import dev.tributary.events.StoredEvent;
import dev.tributary.eventstore.TableNames;
import jakarta.inject.Singleton;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Reads events straight from the events table, the durable log behind the stream. */
@Singleton
public final class EventLog {

    private final DynamoDbClient dynamo;
    private final String table;

    EventLog(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.events();
    }

    /** Versions {@code from..to} (inclusive) of one aggregate, in order, read strongly consistently. */
    public List<StoredEvent> between(String aggregate, long from, long to) {
        return EventQueries.between(dynamo, table, AggregateId.parse(aggregate), from, to);
    }
}
