package dev.tributary.projector.stream;

import dev.tributary.events.StorableText;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what {@link ProjectorStatus} knows of each shard this worker holds to
 * {@code tributary_control.shard_health} every few seconds, on a connection of its own, so the query
 * service's health and the dashboard see a stall even while the batch that stalls holds its
 * transaction open. A worker's rows go when it stops cleanly; a killed worker's rows stop being
 * renewed, which the query service reports as a silent projector.
 */
@Singleton
final class ShardHealthReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ShardHealthReporter.class);

    private final DSLContext sql;
    private final ProjectorStatus status;
    private final String worker;
    private volatile boolean failing;

    ShardHealthReporter(DSLContext sql, ProjectorStatus status, StreamSettings settings) {
        this.sql = sql;
        this.status = status;
        this.worker = settings.workerIdOrHostName() + "/" + ProcessHandle.current().pid();
    }

    @Scheduled(fixedDelay = "${tributary.projector.health-report-every:2s}", initialDelay = "1s")
    void report() {
        var snapshot = status.snapshot();
        try {
            sql.transaction(tx -> {
                DSLContext db = tx.dsl();
                db.execute("SET LOCAL statement_timeout = 2000");
                for (var shard : snapshot.shards()) {
                    db.execute("""
                            INSERT INTO tributary_control.shard_health
                                (shard_id, worker, state, lag_millis, waiting_since, stalled_since, reason, reported_at)
                            VALUES (?, ?, ?, ?, CAST(? AS timestamptz), CAST(? AS timestamptz), CAST(? AS text), now())
                            ON CONFLICT (shard_id) DO UPDATE SET worker = excluded.worker, state = excluded.state,
                                lag_millis = excluded.lag_millis, waiting_since = excluded.waiting_since,
                                stalled_since = excluded.stalled_since, reason = excluded.reason, reported_at = now()""",
                            shard.shardId(), worker, shard.state(),
                            shard.lagMillis(), utc(shard.waitingSince()), utc(shard.stalledSince()),
                            shard.reason() == null ? null : StorableText.sanitized(shard.reason()));
                }
                db.execute("DELETE FROM tributary_control.shard_health WHERE worker = ? AND shard_id <> ALL(?)", worker,
                        snapshot.shards().stream().map(ShardStatus::shardId).toArray(String[]::new));
            });
            if (failing) {
                LOG.info("reporting shard health again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("cannot report shard health to Postgres (retrying every few seconds): {}", e.toString());
                failing = true;
            }
        }
    }

    @PreDestroy
    void withdraw() {
        try {
            sql.execute("DELETE FROM tributary_control.shard_health WHERE worker = ?", worker);
        } catch (RuntimeException e) {
            LOG.debug("could not withdraw shard health: {}", e.toString());
        }
    }

    private static String utc(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
