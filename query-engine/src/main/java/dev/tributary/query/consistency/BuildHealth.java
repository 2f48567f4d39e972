package dev.tributary.query.consistency;

import dev.tributary.readmodel.Rebuilds;
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
import org.jooq.impl.DSL;
import org.reactivestreams.Publisher;

/**
 * {@code /health}'s {@code builds}: the read model's rebuilds and backfills, from
 * {@code tributary_control}, read on the primary. A projection being backfilled serves empty or partial
 * tables until its build is switched in, so a backfill that does not progress is a stall. DOWN when:
 * <ul>
 *   <li>a build has not written its heartbeat for {@code tributary.query.projector-silent-after} (60 s):
 *       its projector is gone, and no other has marked it orphaned yet (none may be running);</li>
 *   <li>a projection has been backfilling that long with no build running: its last build was abandoned
 *       or orphaned, and no projector has started another.</li>
 * </ul>
 * UP otherwise, with the builds running and the projections backfilling. UNKNOWN with the error when the
 * rows cannot be read; it never throws.
 */
@Singleton
public final class BuildHealth implements HealthIndicator {

    private final Databases databases;
    private final ExecutorService blocking;
    private final Duration silentAfter;

    BuildHealth(Databases databases, @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
                @Value("${tributary.query.projector-silent-after:60s}") Duration silentAfter) {
        this.databases = databases;
        this.blocking = blocking;
        this.silentAfter = silentAfter;
    }

    /**
     * A rebuild of the whole read model (projection null) or a build of one projection.
     *
     * @param state   building, switched, abandoned or orphaned
     * @param phase   where a running build stands: scanning, vacuuming or verifying
     * @param events  events read from the events table so far
     * @param estimated the events table's item count when the build began, as DynamoDB reported it
     * @param silent  still building, with no heartbeat for {@code projector-silent-after}
     */
    public record Build(String schema, String projection, String state, String phase, long events, Long estimated,
                        String worker, Instant startedAt, Instant heartbeatAt, Instant finishedAt, boolean silent, String note) {
    }

    /**
     * A projection the live read model does not serve yet.
     *
     * @param unattended backfilling for longer than {@code projector-silent-after}, with no build running
     */
    public record Backfilling(String projection, Instant since, boolean unattended) {
    }

    /** The running builds first, then the most recent finished ones; at most {@code limit}. */
    public List<Build> builds(int limit) {
        var silent = PipeHealth.olderThan(Rebuilds.HEARTBEAT_AT, silentAfter);
        return databases.primary().sql()
                .select(Rebuilds.SCHEMA_NAME, Rebuilds.PROJECTION, Rebuilds.STATE, Rebuilds.PHASE, Rebuilds.EVENTS,
                        Rebuilds.ESTIMATED, Rebuilds.WORKER, Rebuilds.STARTED_AT, Rebuilds.HEARTBEAT_AT, Rebuilds.FINISHED_AT,
                        Rebuilds.STATE.eq("building").and(silent), Rebuilds.NOTE)
                .from(Rebuilds.TABLE)
                .orderBy(Rebuilds.STATE.eq("building").desc(), Rebuilds.STARTED_AT.desc())
                .limit(limit).queryTimeout(2)
                .fetch(r -> new Build(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
                        PipeHealth.instant(r.value8()), PipeHealth.instant(r.value9()), PipeHealth.instant(r.value10()), r.value11(), r.value12()));
    }

    /** Every projection that is backfilling. */
    public List<Backfilling> backfilling() {
        var building = DSL.exists(DSL.selectOne().from(Rebuilds.TABLE).where(Rebuilds.STATE.eq("building"))
                .and(Rebuilds.PROJECTION.eq(Rebuilds.PROJECTION_NAME).or(Rebuilds.PROJECTION.isNull())));
        return databases.primary().sql()
                .select(Rebuilds.PROJECTION_NAME, Rebuilds.PROJECTION_SINCE, DSL.not(building).and(PipeHealth.olderThan(Rebuilds.PROJECTION_SINCE, silentAfter)))
                .from(Rebuilds.PROJECTIONS).where(Rebuilds.PROJECTION_STATE.eq("backfilling"))
                .orderBy(Rebuilds.PROJECTION_NAME).queryTimeout(2)
                .fetch(r -> new Backfilling(r.value1(), PipeHealth.instant(r.value2()), r.value3()));
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(this::result, blocking));
    }

    private HealthResult result() {
        List<Build> running;
        List<Backfilling> backfilling;
        try {
            running = builds(20).stream().filter(b -> b.state().equals("building")).toList();
            backfilling = backfilling();
        } catch (RuntimeException e) {
            return HealthResult.builder("builds", HealthStatus.UNKNOWN)
                    .details(Map.of("error", "cannot read the builds in tributary_control: " + e.getMessage())).build();
        }
        var problems = new ArrayList<String>();
        running.stream().filter(Build::silent).forEach(b -> problems.add("build " + b.schema() + " of "
                + (b.projection() == null ? "the whole read model" : "projection " + b.projection())
                + " has had no heartbeat since " + b.heartbeatAt() + " (worker " + b.worker() + ")"));
        backfilling.stream().filter(Backfilling::unattended).forEach(p -> problems.add("projection " + p.projection()
                + " has been backfilling since " + p.since() + " with no build running: its tables are not served in full"));
        var details = new LinkedHashMap<String, Object>();
        if (!problems.isEmpty()) {
            details.put("problems", problems);
        }
        var builds = new LinkedHashMap<String, Object>();
        running.forEach(b -> builds.put(b.schema(), detail(b)));
        details.put("running", builds.isEmpty() ? "none" : builds);
        if (!backfilling.isEmpty()) {
            details.put("backfilling", backfilling.stream().map(Backfilling::projection).toList());
        }
        return HealthResult.builder("builds", problems.isEmpty() ? HealthStatus.UP : HealthStatus.DOWN).details(details).build();
    }

    private static Map<String, Object> detail(Build build) {
        var detail = new LinkedHashMap<String, Object>();
        detail.put("projection", build.projection() == null ? "all" : build.projection());
        detail.put("phase", build.phase());
        detail.put("events", build.events());
        if (build.estimated() != null) {
            detail.put("estimated", build.estimated());
        }
        detail.put("worker", build.worker());
        detail.put("heartbeatAt", String.valueOf(build.heartbeatAt()));
        if (build.silent()) {
            detail.put("silent", true);
        }
        return detail;
    }
}
