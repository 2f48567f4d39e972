package dev.tributary.projector.rebuild;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * Where a rebuild stands.
 *
 * @param projection  the one projection rebuilt; null for the whole read model
 * @param state       scanning, vacuuming, verifying, switched (the rebuild is now the live read model), abandoned
 *                    (it differed from the live model and was not forced; its schema is kept for
 *                    inspection) or failed
 * @param scanned     events read from the events table so far
 * @param estimated   the table's item count as DynamoDB last reported it (updated about every six hours on AWS)
 * @param differences tables whose checksums differ between the live model and the rebuild
 */
@Serdeable
public record RebuildProgress(String schema, @Nullable String projection, String state, long scanned, long estimated, double eventsPerSecond,
                              Instant startedAt, @Nullable Instant finishedAt, Map<String, String> differences,
                              @Nullable String message) {

    public boolean finished() {
        return finishedAt != null;
    }
}
