package dev.tributary.command.eventstore;

import dev.tributary.command.idempotency.IdempotencyKeyTaken;
import dev.tributary.command.idempotency.IdempotencyRecord;
import dev.tributary.events.AggregateId;
import dev.tributary.events.DomainEvent;
import dev.tributary.events.StoredEvent;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.UUID;

/** The append-only log of every aggregate's events. */
public interface EventStore {

    /**
     * The events of one aggregate from version {@code from} on, in version order, read strongly
     * consistently; {@code from} 1 gives all of them, and a new aggregate has none.
     */
    List<StoredEvent> load(AggregateId aggregate, long from);

    /**
     * Appends each aggregate's events as versions {@code expectedVersion + 1 ...}, together with the
     * answered idempotency record if there is one, in place of this command's claim on the key: all of
     * it or none of it.
     *
     * <p>When the outcome of an earlier attempt is unknown (a timeout) and this attempt finds the
     * versions taken, the store looks at who took them: if it was this command ({@code commandId}),
     * the earlier attempt succeeded and this returns normally.
     *
     * @throws ConcurrencyConflict   when another writer appended to one of the aggregates first
     * @throws IdempotencyKeyTaken   when this command's claim on its key ran out and another request took it over
     */
    void append(List<Append> appends, UUID commandId, @Nullable IdempotencyRecord idempotency);

    /** The events to add to one aggregate, decided from {@code expectedVersion}. */
    record Append(AggregateId aggregate, long expectedVersion, List<? extends DomainEvent> events) {

        public Append {
            events = List.copyOf(events);
        }

        public long newVersion() {
            return expectedVersion + events.size();
        }
    }
}
