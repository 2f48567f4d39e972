package dev.tributary.projector.rebuild;

import dev.tributary.projector.projection.ProjectionStates;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backfills the projections that are new to a read model with history, one after another, as soon as
 * the projector starts: each is rebuilt alone from the events table while every other projection keeps
 * serving and applying the live stream, then verified and switched in. A projection whose build another
 * projector already runs is left to it. Off with {@code tributary.projector.backfill-new-projections=false};
 * then {@code POST /admin/rebuild?projection=<name>} starts one.
 */
@Singleton
@Requires(property = "tributary.projector.enabled", notEquals = "false")
final class Backfills {

    private static final Logger LOG = LoggerFactory.getLogger(Backfills.class);

    private final DSLContext sql;
    private final Rebuild rebuild;
    private final boolean enabled;
    private final int segments;

    Backfills(DSLContext sql, Rebuild rebuild,
              @Value("${tributary.projector.backfill-new-projections:true}") boolean enabled,
              @Value("${tributary.projector.backfill-segments:16}") int segments) {
        this.sql = sql;
        this.rebuild = rebuild;
        this.enabled = enabled;
        this.segments = segments;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (enabled) {
            Thread.ofPlatform().name("backfills").daemon(true).start(this::backfill);
        }
    }

    private void backfill() {
        try {
            for (String projection : ProjectionStates.unattended(sql)) {
                LOG.info("backfilling projection {} from the events table", projection);
                var progress = rebuild.start(false, segments, projection);
                while (rebuild.current().filter(p -> p.schema().equals(progress.schema()) && !p.finished()).isPresent()) {
                    Thread.sleep(Duration.ofMillis(200));
                }
            }
        } catch (Rebuild.AlreadyRunning busy) {
            LOG.info("a rebuild is running; new projections are backfilled at the next start, or with POST /admin/rebuild?projection=<name>");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("could not start backfilling new projections: {}", e.toString(), e);
        }
    }
}
