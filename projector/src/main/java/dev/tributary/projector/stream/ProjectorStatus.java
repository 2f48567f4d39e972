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
            progress.lagMillis = Math.max(0, Duration.between(lastEventAt, clock.instant()).toMillis());
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
        List<ShardStatus> list = shards.entrySet().stream().map(e -> {
            var p = e.getValue();
            synchronized (p) {
                return new ShardStatus(e.getKey(), p.appliedThrough, p.lastEventAt, p.lagMillis, p.events, p.batches, p.retries);
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
        Long lagMillis;
        long events;
        long batches;
        long retries;
    }
}
