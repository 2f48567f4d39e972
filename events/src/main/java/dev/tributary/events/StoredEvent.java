package dev.tributary.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * An event as it sits in the events table: the payload plus the metadata every event carries.
 *
 * @param version   the aggregate's version after this event, 1 for the first; (aggregate, version) is unique
 * @param eventId   unique per event, for tracing
 * @param occurredAt when it happened, to the microsecond: finer digits are dropped here, so the
 *                   events table, the read model (Postgres keeps microseconds) and every rebuild agree
 *                   on the same instant, whatever path a value takes to them
 * @param commandId the command that produced it; several events may share one
 * @param data      the event, always in its type's newest form: readers upcast older stored forms to it,
 *                  and writers store its newest schema version
 */
public record StoredEvent(
        AggregateId aggregateId,
        long version,
        UUID eventId,
        Instant occurredAt,
        UUID commandId,
        DomainEvent data) {

    public StoredEvent {
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(eventId, "eventId");
        occurredAt = Objects.requireNonNull(occurredAt, "occurredAt").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(data, "data");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, was " + version);
        }
        if (!aggregateId.equals(data.aggregateId())) {
            throw new IllegalArgumentException("event for " + data.aggregateId() + " stored under " + aggregateId);
        }
    }

    public String type() {
        return EventTypes.nameOf(data);
    }
}
