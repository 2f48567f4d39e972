package dev.tributary.projector.projection;

import static dev.tributary.readmodel.jooq.Tables.DEAD_LETTER;

import dev.tributary.eventstore.NotReadableYet;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumes the aggregates held {@code awaiting-upgrade} once this projector can read what held them: a
 * projector of the newer version (a rolling deploy finishing) applies their events from the events
 * table, in order, with no one's help. Checked every {@code tributary.projector.upgrade-check} (10 s).
 */
@Singleton
@Requires(property = "tributary.projector.enabled", notEquals = "false")
final class Upgrades {

    private static final Logger LOG = LoggerFactory.getLogger(Upgrades.class);
    private static final int PER_CHECK = 100;

    private final DSLContext sql;
    private final DeadLetters deadLetters;
    private final EventLog log;

    Upgrades(DSLContext sql, DeadLetters deadLetters, EventLog log) {
        this.sql = sql;
        this.deadLetters = deadLetters;
        this.log = log;
    }

    @Scheduled(fixedDelay = "${tributary.projector.upgrade-check:10s}", initialDelay = "2s")
    void resume() {
        try {
            for (var letter : sql.selectFrom(DEAD_LETTER).where(DEAD_LETTER.STATE.eq("awaiting-upgrade"))
                    .orderBy(DEAD_LETTER.ID).limit(PER_CHECK).fetch()) {
                if (!readable(letter.getAggregate(), letter.getVersion())) {
                    continue;
                }
                try {
                    int applied = deadLetters.retry(letter.getId());
                    LOG.info("{}@{} is readable by this version: resumed, {} event(s) applied", letter.getAggregate(),
                            letter.getVersion(), applied);
                } catch (RuntimeException e) {
                    LOG.warn("{}@{} is readable by this version but could not be applied yet: {}", letter.getAggregate(),
                            letter.getVersion(), e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("could not look for aggregates awaiting an upgrade: {}", e.toString());
        }
    }

    private boolean readable(String aggregate, long version) {
        try {
            return !log.between(aggregate, version, version).isEmpty();
        } catch (NotReadableYet | IllegalArgumentException stillNewer) {
            return false;
        } catch (RuntimeException other) {
            return false;
        }
    }
}
