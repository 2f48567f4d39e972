package dev.tributary.command.snapshot;

import dev.tributary.command.CommandServiceFixture;
import dev.tributary.domain.Decider;
import dev.tributary.events.AggregateId;
import dev.tributary.events.DomainEvent;
import dev.tributary.eventstore.EventItems;
import dev.tributary.events.StoredEvent;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the tables hold, read straight from DynamoDB: histories folded from their first event, and raw snapshots. */
final class Histories {

    private Histories() {
    }

    /** The aggregate's state folded from all its events, with no snapshot involved. */
    static <C, S, E extends DomainEvent> S fold(CommandServiceFixture service, AggregateId aggregate, Decider<C, S, E> decider) {
        S state = decider.initialState();
        for (StoredEvent stored : service.events(aggregate.pk())) {
            state = decider.evolve(state, decider.eventType().cast(stored.data()));
        }
        return state;
    }

    static Optional<Map<String, AttributeValue>> snapshotItem(CommandServiceFixture service, AggregateId aggregate) {
        var item = service.dynamo.getItem(g -> g.tableName(service.tables.snapshots()).consistentRead(true)
                .key(Map.of(EventItems.PK, AttributeValue.fromS(aggregate.pk())))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** The version of the aggregate's snapshot, once every snapshot the service has queued is written; 0 for none. */
    static long snapshotVersion(CommandServiceFixture service, AggregateId aggregate) {
        service.bean(DynamoSnapshots.class).flush();
        return snapshotItem(service, aggregate).map(i -> Long.parseLong(i.get(DynamoSnapshots.VERSION).n())).orElse(0L);
    }
}
