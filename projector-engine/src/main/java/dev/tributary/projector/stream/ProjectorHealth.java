package dev.tributary.projector.stream;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import org.reactivestreams.Publisher;

/** {@code /health} is DOWN while any shard this worker holds is stalled, and names each with its reason. */
@Singleton
final class ProjectorHealth implements HealthIndicator {

    private final ProjectorStatus status;

    ProjectorHealth(ProjectorStatus status) {
        this.status = status;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        var snapshot = status.snapshot();
        var details = new LinkedHashMap<String, Object>();
        for (var shard : snapshot.shards()) {
            var detail = new LinkedHashMap<String, Object>();
            detail.put("state", shard.state());
            detail.put("lagMillis", shard.lagMillis());
            if (shard.stalledSince() != null) {
                detail.put("stalledSince", shard.stalledSince().toString());
                detail.put("reason", shard.reason());
            }
            details.put(shard.shardId(), detail);
        }
        return Publishers.just(HealthResult.builder("projector", snapshot.stalled() ? HealthStatus.DOWN : HealthStatus.UP)
                .details(details).build());
    }
}
