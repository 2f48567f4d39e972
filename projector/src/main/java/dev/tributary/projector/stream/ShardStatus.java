package dev.tributary.projector.stream;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * What one shard's consumer has done.
 *
 * @param lagMillis how old the newest applied event was when its batch committed
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
