package dev.tributary.query.consistency;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

/**
 * {@code /health} reports how fresh the read model is: the newest event the projector has applied
 * and how long ago that was. It informs and never fails the check, since a quiet system has no new
 * events to apply.
 */
@Singleton
final class FreshnessHealth implements HealthIndicator {

    private final ProjectionWatcher watcher;

    FreshnessHealth(ProjectionWatcher watcher) {
        this.watcher = watcher;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        var details = new LinkedHashMap<String, Object>();
        Instant fresh = watcher.freshAsOf();
        details.put("freshAsOf", fresh == null ? "nothing projected yet" : fresh.toString());
        if (fresh != null) {
            details.put("newestEventAgeMillis", Duration.between(fresh, Instant.now()).toMillis());
        }
        return Publishers.just(HealthResult.builder("readModelFreshness", HealthStatus.UP).details(details).build());
    }
}
