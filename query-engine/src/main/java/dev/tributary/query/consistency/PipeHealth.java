package dev.tributary.query.consistency;

import dev.tributary.readmodel.ReadModelSchema;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.reactivestreams.Publisher;

/**
 * {@code /health}'s {@code projector}: what the projector's workers last wrote of their shards to
 * {@code tributary_control.shard_health}, read on the primary in one small query. DOWN while a shard
 * is stalled, or a worker has not reported for {@code tributary.query.projector-silent-after} (60 s
 * by default; a killed worker stops renewing its rows). UP with the shards otherwise, and UP with "no
 * projector is reporting" when no worker has a row. When the rows cannot be read it is UNKNOWN with
 * the error, and never throws: the {@code jdbc} indicator already says whether the primary answers,
 * and a failed read says nothing of the projector.
 */
@Singleton
public final class PipeHealth implements HealthIndicator {

    private static final Table<?> SHARD_HEALTH = DSL.table(DSL.name(ReadModelSchema.CONTROL, "shard_health"));
    private static final Field<String> SHARD_ID = DSL.field(DSL.name("shard_id"), String.class);
    private static final Field<String> WORKER = DSL.field(DSL.name("worker"), String.class);
    private static final Field<String> STATE = DSL.field(DSL.name("state"), String.class);
    private static final Field<Long> LAG_MILLIS = DSL.field(DSL.name("lag_millis"), Long.class);
    private static final Field<OffsetDateTime> STALLED_SINCE = DSL.field(DSL.name("stalled_since"), OffsetDateTime.class);
    private static final Field<String> REASON = DSL.field(DSL.name("reason"), String.class);
    private static final Field<OffsetDateTime> REPORTED_AT = DSL.field(DSL.name("reported_at"), OffsetDateTime.class);

    private final Databases databases;
    private final ExecutorService blocking;
    private final Duration silentAfter;

    PipeHealth(Databases databases, @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
               @Value("${tributary.query.projector-silent-after:60s}") Duration silentAfter) {
        this.databases = databases;
        this.blocking = blocking;
        this.silentAfter = silentAfter;
    }

    /**
     * What a worker last reported of a shard it holds.
     *
     * @param lagMillis the age of the oldest record not yet applied, when reported
     * @param silent    reported longer ago than {@code projector-silent-after}, by the database's clock
     */
    public record Shard(String shardId, String worker, String state, long lagMillis, Instant stalledSince, String reason,
                        Instant reportedAt, boolean silent) {

        public boolean stalled() {
            return state.equals("stalled");
        }
    }

    /** Every reported shard, by id, read on the primary; throws when the table cannot be read. */
    public List<Shard> shards() {
        var silent = olderThan(REPORTED_AT, silentAfter);
        return databases.primary().sql()
                .select(SHARD_ID, WORKER, STATE, LAG_MILLIS, STALLED_SINCE, REASON, REPORTED_AT, silent)
                .from(SHARD_HEALTH).orderBy(SHARD_ID).limit(1000).queryTimeout(2)
                .fetch(r -> new Shard(r.value1(), r.value2(), r.value3(), r.value4(), instant(r.value5()), r.value6(),
                        instant(r.value7()), r.value8()));
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(this::result, blocking));
    }

    private HealthResult result() {
        List<Shard> shards;
        try {
            shards = shards();
        } catch (RuntimeException e) {
            return HealthResult.builder("projector", HealthStatus.UNKNOWN)
                    .details(Map.of("error", "cannot read " + ReadModelSchema.CONTROL + ".shard_health: " + e.getMessage())).build();
        }
        if (shards.isEmpty()) {
            return HealthResult.builder("projector", HealthStatus.UP).details(Map.of("shards", "no projector is reporting")).build();
        }
        var problems = problems(shards);
        var details = new LinkedHashMap<String, Object>();
        if (!problems.isEmpty()) {
            details.put("problems", problems);
        }
        var byShard = new LinkedHashMap<String, Object>();
        shards.forEach(shard -> byShard.put(shard.shardId(), detail(shard)));
        details.put("shards", byShard);
        return HealthResult.builder("projector", problems.isEmpty() ? HealthStatus.UP : HealthStatus.DOWN).details(details).build();
    }

    private static List<String> problems(List<Shard> shards) {
        var problems = new ArrayList<String>();
        var silentWorkers = new LinkedHashMap<String, Instant>();
        for (var shard : shards) {
            if (shard.stalled()) {
                problems.add("shard " + shard.shardId() + " stalled since " + shard.stalledSince()
                        + (shard.reason() == null ? "" : ": " + shard.reason()));
            }
            if (shard.silent()) {
                silentWorkers.merge(shard.worker(), shard.reportedAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        silentWorkers.forEach((worker, since) -> problems.add("no report from worker " + worker + " since " + since));
        return problems;
    }

    private static Map<String, Object> detail(Shard shard) {
        var detail = new LinkedHashMap<String, Object>();
        detail.put("state", shard.state());
        detail.put("worker", shard.worker());
        detail.put("lagMillis", shard.lagMillis());
        if (shard.stalledSince() != null) {
            detail.put("stalledSince", shard.stalledSince().toString());
            detail.put("reason", shard.reason());
        }
        detail.put("reportedAt", shard.reportedAt().toString());
        if (shard.silent()) {
            detail.put("silent", true);
        }
        return detail;
    }

    /** Whether {@code time} lies further back than {@code age}, by the database's clock. */
    static org.jooq.Condition olderThan(Field<OffsetDateTime> time, Duration age) {
        return DSL.condition("{0} < now() - {1} * interval '1 millisecond'", time, DSL.val(age.toMillis()));
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
