package dev.tributary.projector.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live progress of the shards this worker holds, for {@code /status} and the Prometheus metrics
 * ({@code tributary_projector_*}). Thread-safe; one writer per shard.
 */
@Singleton
public final class ProjectorStatus {

    private static final int WINDOW_SECONDS = 10;

    private final Map<String, Progress> shards = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();
    private final MeterRegistry metrics;
    private final ProjectorControl control;
    private final Counter events;
    private final Counter batches;
    private final Counter retries;
    private final Counter deadLetters;

    ProjectorStatus(MeterRegistry metrics, ProjectorControl control) {
        this.metrics = metrics;
        this.control = control;
        events = Counter.builder("tributary.projector.events.applied").description("events applied to the live read model").register(metrics);
        batches = Counter.builder("tributary.projector.batches").description("stream batches committed").register(metrics);
        retries = Counter.builder("tributary.projector.retries").description("failed attempts to apply a batch").register(metrics);
        deadLetters = Counter.builder("tributary.projector.dead.letters").description("events parked as dead letters").register(metrics);
    }

    void consuming(String shardId) {
        progress(shardId);
    }

    void released(String shardId) {
        var removed = shards.remove(shardId);
        if (removed != null) {
            metrics.remove(removed.lagGauge);
        }
    }

    void applied(String shardId, String sequenceNumber, Instant lastEventAt, int applied) {
        var progress = progress(shardId);
        synchronized (progress) {
            progress.appliedThrough = sequenceNumber;
            progress.lastEventAt = lastEventAt;
            progress.lagMillis = Math.max(0, Duration.between(lastEventAt, clock.instant()).toMillis());
            progress.events += applied;
            progress.batches++;
            progress.count(clock.instant().getEpochSecond(), applied);
        }
        events.increment(applied);
        batches.increment();
    }

    void caughtUp(String shardId) {
        var progress = progress(shardId);
        synchronized (progress) {
            progress.lagMillis = 0L;
        }
    }

    void retried(String shardId) {
        var progress = progress(shardId);
        synchronized (progress) {
            progress.retries++;
        }
        retries.increment();
    }

    void parked(String shardId) {
        var progress = progress(shardId);
        synchronized (progress) {
            progress.deadLetters++;
        }
        deadLetters.increment();
    }

    public Snapshot snapshot() {
        long now = clock.instant().getEpochSecond();
        List<ShardStatus> list = shards.entrySet().stream().map(e -> {
            var p = e.getValue();
            synchronized (p) {
                return new ShardStatus(e.getKey(), p.appliedThrough, p.lastEventAt, p.lagMillis, p.rate(now),
                        p.events, p.batches, p.retries, p.deadLetters);
            }
        }).sorted(Comparator.comparing(ShardStatus::shardId)).toList();
        return new Snapshot(!list.isEmpty(), control.paused(), list);
    }

    private Progress progress(String shardId) {
        return shards.computeIfAbsent(shardId, id -> {
            var progress = new Progress();
            progress.lagGauge = Gauge.builder("tributary.projector.lag", progress, Progress::lagOrZero)
                    .tag("shard", id).baseUnit("milliseconds")
                    .description("how far behind the stream the shard's last applied event was").register(metrics);
            return progress;
        });
    }

    /**
     * @param consuming true once this worker holds at least one shard and reads it
     * @param paused    true while an operator has paused applying
     */
    @Serdeable
    public record Snapshot(boolean consuming, boolean paused, List<ShardStatus> shards) {
    }

    private static final class Progress {
        String appliedThrough;
        Instant lastEventAt;
        Long lagMillis;
        long events;
        long batches;
        long retries;
        long deadLetters;
        Gauge lagGauge;
        final long[] perSecond = new long[WINDOW_SECONDS];
        final long[] second = new long[WINDOW_SECONDS];

        void count(long epochSecond, int applied) {
            int slot = (int) (epochSecond % WINDOW_SECONDS);
            if (second[slot] != epochSecond) {
                second[slot] = epochSecond;
                perSecond[slot] = 0;
            }
            perSecond[slot] += applied;
        }

        double rate(long now) {
            long total = 0;
            for (int i = 0; i < WINDOW_SECONDS; i++) {
                if (now - second[i] < WINDOW_SECONDS) {
                    total += perSecond[i];
                }
            }
            return total / (double) WINDOW_SECONDS;
        }

        synchronized double lagOrZero() {
            return lagMillis == null ? 0 : lagMillis;
        }
    }
}
