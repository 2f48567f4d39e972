package dev.tributary.projector.rebuild;

import dev.tributary.projector.projection.ProjectionStates;
import dev.tributary.readmodel.Rebuilds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tends the read model's builds, every {@code tributary.projector.build-check} (10 s), on every projector:
 * <ol>
 *   <li>A build whose worker has not written its heartbeat for {@code tributary.projector.build-orphaned-after}
 *       (60 s) is marked {@code orphaned}: its projector was killed. Live batches stop going to its schema,
 *       and a build of the same projection may start.</li>
 *   <li>A projection that is new to a read model with history is backfilled: rebuilt alone from the events
 *       table while every other projection keeps serving and applying the live stream, then verified and
 *       switched in. One build at a time per projector; a projection whose build another projector runs
 *       is left to it. A backfill whose build was orphaned starts again at once. One that was abandoned (it
 *       failed, or differed) is tried again by a projector that starts after it ended, which is when a fixed
 *       version arrives. Either way, not after {@value #FAILED_PER_HOUR} builds of it ended so within the
 *       hour: a backfill that kills its own projector must not take the whole fleet down in turn, and one
 *       that still fails must not be scanned again at every restart of a fleet that restarts often. It then
 *       waits, as {@code /health} and the dashboard show, until the oldest of those is an hour old, or
 *       {@code POST /admin/rebuild?projection=<name>} starts it.</li>
 * </ol>
 * Backfills are off with {@code tributary.projector.backfill-new-projections=false}; then
 * {@code POST /admin/rebuild?projection=<name>} starts one. Orphaned builds are marked either way.
 *
 * <p>Metrics: {@code tributary.projector.backfilling} (projections not yet served in full, as of the last
 * check), {@code tributary.projector.backfilling.waiting} (those with no build running anywhere) and
 * {@code tributary.projector.builds.orphaned} (builds this projector marked orphaned).
 */
@Singleton
@Requires(property = "tributary.projector.enabled", notEquals = "false")
final class Builds {

    private static final Logger LOG = LoggerFactory.getLogger(Builds.class);
    static final int FAILED_PER_HOUR = 3;

    private final DSLContext sql;
    private final Rebuild rebuild;
    private final boolean backfill;
    private final int segments;
    private final Duration orphanedAfter;
    /** The projections this process has started a backfill for since it started. */
    private final Set<String> attempted = new HashSet<>();
    /** When this projector started, by the database's clock: builds that ended before are this version's to retry. */
    private java.time.OffsetDateTime startedAt;
    private final Set<String> warnedFailures = new HashSet<>();
    private final AtomicInteger backfilling = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Counter orphaned;

    Builds(DSLContext sql, Rebuild rebuild, MeterRegistry metrics,
           @Value("${tributary.projector.backfill-new-projections:true}") boolean backfill,
           @Value("${tributary.projector.backfill-segments:16}") int segments,
           @Value("${tributary.projector.build-orphaned-after:60s}") Duration orphanedAfter) {
        this.sql = sql;
        this.rebuild = rebuild;
        this.backfill = backfill;
        this.segments = segments;
        this.orphanedAfter = orphanedAfter;
        Gauge.builder("tributary.projector.backfilling", backfilling, AtomicInteger::get)
                .description("projections being backfilled: their tables are not served in full yet").register(metrics);
        Gauge.builder("tributary.projector.backfilling.waiting", waiting, AtomicInteger::get)
                .description("projections being backfilled with no build running anywhere").register(metrics);
        this.orphaned = Counter.builder("tributary.projector.builds.orphaned")
                .description("builds marked orphaned because their projector stopped writing their heartbeat").register(metrics);
    }

    /** At once when the projector starts, so a backfill begins before the stream's first batches arrive. */
    @EventListener
    void onStartup(StartupEvent event) {
        Thread.ofPlatform().name("builds").daemon(true).start(this::tend);
    }

    @Scheduled(fixedDelay = "${tributary.projector.build-check:10s}", initialDelay = "${tributary.projector.build-check:10s}")
    synchronized void tend() {
        try {
            for (var orphan : Rebuilds.orphan(sql, orphanedAfter, rebuild.running().orElse(null))) {
                LOG.warn("build {} ({}) is orphaned: no heartbeat from {} since {}; live batches no longer go to it",
                        orphan.schema(), orphan.projection() == null ? "the whole read model" : "projection " + orphan.projection(),
                        orphan.worker(), orphan.lastHeartbeat());
                orphaned.increment();
            }
            backfilling.set(ProjectionStates.backfilling(sql).size());
            var unattended = ProjectionStates.unattended(sql);
            waiting.set(unattended.size());
            if (startedAt == null) {
                startedAt = sql.select(DSL.currentOffsetDateTime()).fetchOne(0, java.time.OffsetDateTime.class);
            }
            if (backfill && rebuild.running().isEmpty()) {
                unattended.stream().filter(this::worthAnotherBuild).findFirst().ifPresent(u -> start(u.projection(), u.lastBuild()));
            }
        } catch (RuntimeException e) {
            LOG.warn("could not tend the read model's builds (tried again in a moment): {}", e.toString());
        }
    }

    /**
     * Whether to build an unattended projection now: it never had a build; or fewer than {@value #FAILED_PER_HOUR}
     * of its builds ended unswitched in the last hour, and its last build was orphaned, or this projector has
     * not tried it and its last build ended before this projector started (a new version may fix what failed).
     */
    private boolean worthAnotherBuild(ProjectionStates.Unattended unattended) {
        if (unattended.lastBuild() == null) {
            return true;
        }
        if (unattended.failedLastHour() >= FAILED_PER_HOUR) {
            if (warnedFailures.add(unattended.projection())) {
                LOG.warn("projection {}: {} of its builds were orphaned or abandoned in the last hour; not starting another "
                        + "until one of them is older than an hour (is its build failing, or killing its projector?); "
                        + "POST /admin/rebuild?projection={} starts one now", unattended.projection(), unattended.failedLastHour(),
                        unattended.projection());
            }
            return false;
        }
        if ("orphaned".equals(unattended.lastBuild())) {
            return true;
        }
        return !attempted.contains(unattended.projection())
                && (unattended.lastFinished() == null || unattended.lastFinished().isBefore(startedAt));
    }

    private void start(String projection, String lastBuild) {
        attempted.add(projection);
        warnedFailures.remove(projection);
        LOG.info("backfilling projection {} from the events table{}", projection,
                "orphaned".equals(lastBuild) ? " again: the projector running its last build stopped" : "");
        try {
            rebuild.start(false, segments, projection);
        } catch (Rebuild.AlreadyRunning busy) {
            LOG.info("a rebuild is running in this projector; projection {} is backfilled after it", projection);
            attempted.remove(projection);
        }
    }
}
