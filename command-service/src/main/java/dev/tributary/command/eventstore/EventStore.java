package dev.tributary.command.eventstore;

import dev.tributary.events.AggregateId;
import dev.tributary.events.DomainEvent;
import dev.tributary.events.StoredEvent;
import java.util.List;
import java.util.UUID;

/** The append-only log of every aggregate's events. */
public interface EventStore {

    /** All events of one aggregate in version order, read strongly consistently; empty for a new one. */
    List<StoredEvent> load(AggregateId aggregate);

    /**
     * Appends events as versions {@code expectedVersion + 1 ...}, all or none.
     *
     * @throws ConcurrencyConflict when another writer appended after {@code expectedVersion};
     *                             nothing was written
     */
    Appended append(AggregateId aggregate, long expectedVersion, List<? extends DomainEvent> events, UUID commandId);

    /** What an append wrote. */
    record Appended(AggregateId aggregate, long version, List<StoredEvent> events) {
    }
}
