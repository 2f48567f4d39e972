package dev.tributary.projector.stream;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * What one shard's consumer has done since this worker took it.
 *
 * @param state           caught-up (nothing waits), applying, stalled, or paused
 * @param lagMillis       age of the oldest record received and not yet applied; 0 when none waits.
 *                        A stuck shard's lag grows.
 * @param waitingSince    when the oldest record not yet applied was written to the stream; null when none waits
 * @param stalledSince    when the shard became stalled; null unless it is
 * @param reason          why it is stalled: the last failure, or that nothing was applied; null unless stalled
 * @param eventsPerSecond events applied per second over the last 10 seconds
 * @param deadLetters     events parked from this shard
 */
@Serdeable
public record ShardStatus(
        String shardId,
        String state,
        @Nullable String appliedThrough,
        @Nullable Instant lastEventAt,
        long lagMillis,
        @Nullable Instant waitingSince,
        @Nullable Instant stalledSince,
        @Nullable String reason,
        double eventsPerSecond,
        long eventsApplied,
        long batches,
        long retries,
        long deadLetters) {
}
