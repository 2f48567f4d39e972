package dev.tributary.projector.stream;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Live progress of the shards this worker holds. Thread-safe; one writer per shard. */
@Singleton
public final class ProjectorStatus {

    private final Map<String, Progress> shards = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    void consuming(String shardId) {
        shards.putIfAbsent(shardId, new Progress());
    }

    void released(String shardId) {
        shards.remove(shardId);
    }

    void applied(String shardId, String sequenceNumber, Instant lastEventAt, int events) {
        var progress = shards.computeIfAbsent(shardId, s -> new Progress());
        synchronized (progress) {
            progress.appliedThrough = sequenceNumber;
            progress.lastEventAt = lastEventAt;
            progress.events += events;
            progress.batches++;
        }
    }

    void retried(String shardId) {
        var progress = shards.computeIfAbsent(shardId, s -> new Progress());
        synchronized (progress) {
            progress.retries++;
        }
    }

    public Snapshot snapshot() {
        Instant now = clock.instant();
        List<ShardStatus> list = shards.entrySet().stream().map(e -> {
            var p = e.getValue();
            synchronized (p) {
                Long lag = p.lastEventAt == null ? null : Math.max(0, Duration.between(p.lastEventAt, now).toMillis());
                return new ShardStatus(e.getKey(), p.appliedThrough, p.lastEventAt, lag, p.events, p.batches, p.retries);
            }
        }).sorted(Comparator.comparing(ShardStatus::shardId)).toList();
        return new Snapshot(!list.isEmpty(), list);
    }

    /** @param consuming true once this worker holds at least one shard and reads it */
    @Serdeable
    public record Snapshot(boolean consuming, List<ShardStatus> shards) {
    }

    private static final class Progress {
        String appliedThrough;
        Instant lastEventAt;
        long events;
        long batches;
        long retries;
    }
}
