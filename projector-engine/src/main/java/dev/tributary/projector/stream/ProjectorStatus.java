package dev.tributary.projector.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
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
 * Live progress of the shards this worker holds, for {@code /status}, health and the Prometheus
 * metrics ({@code tributary_projector_*}). Thread-safe; one writer per shard.
 *
 * <p>Lag is the age of the oldest record received and not yet applied, so a stuck shard's lag
 * grows; it is 0 when nothing waits. A shard with records waiting that has applied or parked none
 * for {@code tributary.projector.stall-after} (30 s by default), and is not paused, is
 * {@link ShardState#STALLED}.
 */
@Singleton
public final class ProjectorStatus {

    private static final int WINDOW_SECONDS = 10;

    private final Map<String, Progress> shards = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration stallAfter;
    private final MeterRegistry metrics;
    private final ProjectorControl control;
    private final Counter events;
    private final Counter batches;
    private final Counter retries;
    private final Counter deadLetters;

    @jakarta.inject.Inject
    ProjectorStatus(MeterRegistry metrics, ProjectorControl control,
                    @Value("${tributary.projector.stall-after:30s}") Duration stallAfter) {
        this(metrics, control, stallAfter, Clock.systemUTC());
    }

    ProjectorStatus(MeterRegistry metrics, ProjectorControl control, Duration stallAfter, Clock clock) {
        this.metrics = metrics;
        this.control = control;
        this.stallAfter = stallAfter;
        this.clock = clock;
        events = Counter.builder("tributary.projector.events.applied").description("events applied to the live read model").register(metrics);
        batches = Counter.builder("tributary.projector.batches").description("stream batches committed").register(metrics);
        retries = Counter.builder("tributary.projector.retries").description("failed attempts to apply a batch").register(metrics);
        deadLetters = Counter.builder("tributary.projector.dead.letters").description("events parked as dead letters").register(metrics);
    }

    public Duration stallAfter() {
        return stallAfter;
    }

    void consuming(String shardId) {
        progress(shardId);
    }

    void released(String shardId) {
        var removed = shards.remove(shardId);
        if (removed != null) {
            metrics.remove(removed.lagGauge);
            metrics.remove(removed.stalledGauge);
        }
    }

    /** Records arrived; {@code oldest} is when the first of them was written to the stream. */
    void received(String shardId, Instant oldest) {
        var progress = progress(shardId);
        synchronized (progress) {
            Instant now = clock.instant();
            progress.waitingSince = oldest == null || oldest.isAfter(now) ? now : oldest;
            progress.receivedAt = now;
        }
    }

    /** Every record received so far is applied or parked. */
    void drained(String shardId) {
        var progress = progress(shardId);
        synchronized (progress) {
            progress.waitingSince = null;
            progress.receivedAt = null;
            progress.reason = null;
        }
    }

    void applied(String shardId, String sequenceNumber, Instant lastEventAt, int applied) {
        var progress = progress(shardId);
        synchronized (progress) {
            progress.appliedThrough = sequenceNumber;
            progress.lastEventAt = lastEventAt;
            progress.lastProgressAt = clock.instant();
            progress.events += applied;
            progress.batches++;
            progress.count(clock.instant().getEpochSecond(), applied);
        }
        events.increment(applied);
        batches.increment();
    }

    /** An attempt failed; {@code reason} says why, and is what a stall reports. */
    void retried(String shardId, String reason) {
        var progress = progress(shardId);
        synchronized (progress) {
            progress.retries++;
            progress.reason = reason;
        }
        retries.increment();
    }

    void parked(String shardId) {
        var progress = progress(shardId);
        synchronized (progress) {
            progress.deadLetters++;
            progress.lastProgressAt = clock.instant();
        }
        deadLetters.increment();
    }

    public Snapshot snapshot() {
        Instant now = clock.instant();
        boolean paused = control.paused();
        List<ShardStatus> list = shards.entrySet().stream().map(e -> {
            var p = e.getValue();
            synchronized (p) {
                var state = p.state(now, paused);
                return new ShardStatus(e.getKey(), state.label(), p.appliedThrough, p.lastEventAt, p.lagMillis(now),
                        p.waitingSince, state == ShardState.STALLED ? p.stalledSince() : null,
                        state == ShardState.STALLED ? stallReason(p) : null,
                        p.rate(now.getEpochSecond()), p.events, p.batches, p.retries, p.deadLetters);
            }
        }).sorted(Comparator.comparing(ShardStatus::shardId)).toList();
        boolean stalled = list.stream().anyMatch(s -> ShardState.STALLED.label().equals(s.state()));
        return new Snapshot(!list.isEmpty(), paused, stalled, list);
    }

    private String stallReason(Progress p) {
        return p.reason != null ? "applying keeps failing: " + p.reason
                : "records wait and none has been applied for " + stallAfter.toSeconds() + " s";
    }

    private Progress progress(String shardId) {
        return shards.computeIfAbsent(shardId, id -> {
            var progress = new Progress();
            progress.lagGauge = Gauge.builder("tributary.projector.lag", progress, p -> p.lagMillis(clock.instant()))
                    .tag("shard", id).baseUnit("milliseconds")
                    .description("age of the oldest record received and not yet applied; 0 when none waits").register(metrics);
            progress.stalledGauge = Gauge.builder("tributary.projector.stalled", progress,
                            p -> p.state(clock.instant(), control.paused()) == ShardState.STALLED ? 1 : 0)
                    .tag("shard", id)
                    .description("1 while the shard has records waiting and has applied none for stall-after").register(metrics);
            return progress;
        });
    }

    /**
     * @param consuming true once this worker holds at least one shard and reads it
     * @param paused    true while an operator has paused applying
     * @param stalled   true while any shard is stalled
     */
    @Serdeable
    public record Snapshot(boolean consuming, boolean paused, boolean stalled, List<ShardStatus> shards) {
    }

    /** What a shard's consumer is doing. */
    public enum ShardState {
        CAUGHT_UP("caught-up"), APPLYING("applying"), STALLED("stalled"), PAUSED("paused");

        private final String label;

        ShardState(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final class Progress {
        String appliedThrough;
        Instant lastEventAt;
        Instant waitingSince;
        Instant receivedAt;
        Instant lastProgressAt;
        String reason;
        long events;
        long batches;
        long retries;
        long deadLetters;
        Gauge lagGauge;
        Gauge stalledGauge;
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

        synchronized long lagMillis(Instant now) {
            return waitingSince == null ? 0 : Math.max(0, Duration.between(waitingSince, now).toMillis());
        }

        /** The later of the batch's arrival and the last progress: the clock a stall counts from. */
        Instant idleSince() {
            return lastProgressAt != null && lastProgressAt.isAfter(receivedAt) ? lastProgressAt : receivedAt;
        }

        Instant stalledSince() {
            return idleSince().plus(stallAfter);
        }

        synchronized ShardState state(Instant now, boolean paused) {
            if (waitingSince == null) {
                return ShardState.CAUGHT_UP;
            }
            if (paused) {
                return ShardState.PAUSED;
            }
            return now.isBefore(stalledSince()) ? ShardState.APPLYING : ShardState.STALLED;
        }
    }
}
