package dev.tributary.projector.stream;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * What one shard's consumer has done since this worker took it.
 *
 * @param lagMillis      how old the newest applied event was when its batch committed; 0 once a read
 *                       finds nothing newer
 * @param eventsPerSecond events applied per second over the last 10 seconds
 * @param deadLetters    events parked from this shard
 */
@Serdeable
public record ShardStatus(
        String shardId,
        @Nullable String appliedThrough,
        @Nullable Instant lastEventAt,
        @Nullable Long lagMillis,
        double eventsPerSecond,
        long eventsApplied,
        long batches,
        long retries,
        long deadLetters) {
}
