package dev.tributary.projector.stream;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * What one shard's consumer has done.
 *
 * @param lagMillis now minus the approximate creation time of the newest applied record
 */
@Serdeable
public record ShardStatus(
        String shardId,
        @Nullable String appliedThrough,
        @Nullable Instant lastEventAt,
        @Nullable Long lagMillis,
        long eventsApplied,
        long batches,
        long retries) {
}
