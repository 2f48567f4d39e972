package dev.tributary.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event as it sits in the events table: the payload plus the metadata every event carries.
 *
 * @param version   the aggregate's version after this event, 1 for the first; (aggregate, version) is unique
 * @param eventId   unique per event, for tracing
 * @param commandId the command that produced it; several events may share one
 * @param schema    the payload's schema version, for upcasting old events
 */
public record StoredEvent(
        AggregateId aggregateId,
        long version,
        UUID eventId,
        Instant occurredAt,
        UUID commandId,
        int schema,
        DomainEvent data) {

    public StoredEvent {
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
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
