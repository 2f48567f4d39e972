package dev.tributary.projector.projection;

import dev.tributary.events.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Events from one stream batch, in stream order, with where the batch ends in its shard.
 *
 * @param shardId         null for events that did not come from the stream (a rebuild's scan)
 * @param lastEventAt     the newest event's time, for lag and freshness
 * @param sequenceNumbers each event's stream sequence number by event id, kept on dead letters
 */
public record ProjectedBatch(String shardId, String lastSequenceNumber, Instant lastEventAt, List<StoredEvent> events,
                             Map<UUID, String> sequenceNumbers) {

    public ProjectedBatch(String shardId, String lastSequenceNumber, Instant lastEventAt, List<StoredEvent> events) {
        this(shardId, lastSequenceNumber, lastEventAt, events, Map.of());
    }

    /** Events read from the events table rather than the stream. */
    public static ProjectedBatch scanned(List<StoredEvent> events) {
        var newest = events.stream().map(StoredEvent::occurredAt).max(Instant::compareTo).orElse(Instant.EPOCH);
        return new ProjectedBatch(null, null, newest, events);
    }

    ProjectedBatch withEvents(List<StoredEvent> replaced) {
        return new ProjectedBatch(shardId, lastSequenceNumber, lastEventAt, replaced, sequenceNumbers);
    }
}
