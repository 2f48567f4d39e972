package dev.tributary.query.consistency;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

/**
 * {@code /health} reports how fresh the read model is: the newest event the projector has applied
 * and how long ago that was, for
 * the primary and for the reports replica if there is one. It informs and never fails the check, since a quiet system has no new
 * events to apply.
 */
@Singleton
final class FreshnessHealth implements HealthIndicator {

    private final Databases databases;

    FreshnessHealth(Databases databases) {
        this.databases = databases;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        var details = freshness(databases.primary());
        if (databases.reports() != databases.primary()) {
            details.put(Databases.REPORTS, freshness(databases.reports()));
        }
        return Publishers.just(HealthResult.builder("readModelFreshness", HealthStatus.UP).details(details).build());
    }

    private static Map<String, Object> freshness(Databases.Database database) {
        var details = new LinkedHashMap<String, Object>();
        Instant fresh = database.watcher().freshAsOf();
        details.put("freshAsOf", fresh == null ? "nothing projected yet" : fresh.toString());
        if (fresh != null) {
            details.put("newestEventAgeMillis", Duration.between(fresh, Instant.now()).toMillis());
        }
        return details;
    }
}
