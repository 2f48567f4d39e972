package dev.tributary.projector.projection;

import dev.tributary.events.StoredEvent;
import java.time.Instant;
import java.util.List;

/**
 * Events from one stream batch, in stream order, with where the batch ends in its shard.
 *
 * @param lastEventAt the newest record's approximate creation time, for lag and freshness
 */
public record ProjectedBatch(String shardId, String lastSequenceNumber, Instant lastEventAt, List<StoredEvent> events) {
}
