package dev.tributary.projector.rebuild;

import com.zaxxer.hikari.HikariDataSource;
import dev.tributary.eventstore.EventItems;
import dev.tributary.events.StoredEvent;
import dev.tributary.eventstore.TableNames;
import dev.tributary.domain.DomainRejection;
import dev.tributary.projector.Backoff;
import dev.tributary.projector.projection.DeadLetters;
import dev.tributary.projector.projection.Failures;
import dev.tributary.projector.projection.GapRepairingProjection;
import dev.tributary.projector.projection.ProjectedBatch;
import dev.tributary.readmodel.ReadModelChecksums;
import dev.tributary.readmodel.ReadModelSchema;
import dev.tributary.readmodel.Rebuilds;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Rebuilds the read model from the events table, with no limit on its age, into a fresh schema,
 * and then makes it the live one.
 *
 * <ol>
 *   <li>Migrates a new schema {@code rebuild_<time>} and registers it as building: from then on the
 *       live consumer applies every batch to it as well, in the same transaction.</li>
 *   <li>Reads the whole events table with a parallel Scan (strongly consistent) and applies each page
 *       to the new schema. Positions make the two writers agree: whichever applies an event first
 *       wins, and gaps are filled from the table.</li>
 *   <li>Holds the live consumer's writes (readers go on), compares the two schemas table by table by
 *       checksum, and, if they agree or the caller forces it, drops the old live schema and renames
 *       the new one into its place, in one transaction: readers see the old model or the new one,
 *       never a mix.</li>
 * </ol>
 * A projector started on a table whose stream has already been trimmed is bootstrapped by a forced
 * rebuild.
 */
@Singleton
public final class Rebuild {

    private static final Logger LOG = LoggerFactory.getLogger(Rebuild.class);
    /**
     * Segments read at once; the others wait their turn. More segments than this still pay: each
     * Scan page of DynamoDB Local costs time in proportion to its segment's size, and on DynamoDB
     * small segments even out the threads' shares of an unevenly keyed table.
     */
    public static final int SCAN_THREADS = 64;
    /** The most segments a rebuild splits the Scan into. */
    public static final int MAX_SEGMENTS = 4096;
    /**
     * Connections of the pool a rebuild leaves to the others: the live consumer, dead-letter retries
     * and the health check. With every scan thread applying at once, 64 threads queued for 8
     * connections, the live consumer's batches queued behind them, and the health check waited past
     * the pool's 5 s timeout and reported the projector down (seen in a rebuild of a million orders).
     */
    public static final int CONNECTIONS_LEFT = 3;
    private static final int MAX_ATTEMPTS = 5;
    private static final DateTimeFormatter SCHEMA_TIME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS").withZone(ZoneOffset.UTC);

    private final DataSource dataSource;
    private final DSLContext sql;
    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final GapRepairingProjection projection;
    private final DeadLetters deadLetters;
    /** How many pages the scan threads apply at once: the pool's size less {@link #CONNECTIONS_LEFT}, at least 1. */
    private final int writers;
    private volatile Run current;

    Rebuild(DataSource dataSource, DSLContext sql, DynamoDbClient dynamo, TableNames tables,
            GapRepairingProjection projection, DeadLetters deadLetters) throws java.sql.SQLException {
        this.writers = Math.max(1, dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize() - CONNECTIONS_LEFT);
        this.dataSource = dataSource;
        this.sql = sql;
        this.dynamo = dynamo;
        this.tables = tables;
        this.projection = projection;
        this.deadLetters = deadLetters;
    }

    /**
     * Starts a rebuild in the background.
     *
     * @param force    switch even when the rebuild differs from the live model (to repair it, or to bootstrap)
     * @param segments how many segments the parallel Scan is split into, 1 to {@value #MAX_SEGMENTS};
     *                 up to {@value #SCAN_THREADS} are read at once
     * @throws AlreadyRunning when a rebuild is in progress in this process
     */
    public RebuildProgress start(boolean force, int segments) {
        var run = begin(force, segments);
        Thread.ofPlatform().name("rebuild").daemon(true).start(run::execute);
        return run.progress();
    }

    public Optional<RebuildProgress> current() {
        return Optional.ofNullable(current).map(Run::progress);
    }

    private synchronized Run begin(boolean force, int segments) {
        if (current != null && !current.progress().finished()) {
            throw new AlreadyRunning(current.progress());
        }
        current = new Run("rebuild_" + SCHEMA_TIME.format(Instant.now()), force, segments);
        return current;
    }

    private final class Run {
        final String schema;
        final boolean force;
        final int segments;
        final Instant startedAt = Instant.now();
        final AtomicLong scanned = new AtomicLong();
        final Semaphore applying = new Semaphore(writers);
        volatile long estimated;
        volatile String state = "scanning";
        volatile Instant finishedAt;
        volatile Map<String, String> differences = Map.of();
        volatile String message;

        Run(String schema, boolean force, int segments) {
            this.schema = schema;
            this.force = force;
            this.segments = segments;
        }

        RebuildProgress progress() {
            Instant end = finishedAt == null ? Instant.now() : finishedAt;
            double seconds = Math.max(0.001, Duration.between(startedAt, end).toMillis() / 1000.0);
            return new RebuildProgress(schema, state, scanned.get(), estimated, scanned.get() / seconds, startedAt,
                    finishedAt, differences, message);
        }

        void execute() {
            try {
                ReadModelSchema.migrateInto(dataSource, schema);
                sql.insertInto(Rebuilds.TABLE).set(Rebuilds.SCHEMA_NAME, schema).set(Rebuilds.STATE, "building").execute();
                estimated = dynamo.describeTable(d -> d.tableName(tables.events())).table().itemCount();
                LOG.info("rebuild {}: scanning {} (about {} events) in {} segments, {} at a time, applying {} pages at a time; "
                                + "live batches are applied to it too",
                        schema, tables.events(), estimated, segments, Math.min(segments, SCAN_THREADS), writers);
                scan();
                state = "vacuuming";
                vacuum();
                state = "verifying";
                LOG.info("rebuild {}: scanned {} events; comparing with the live read model", schema, scanned.get());
                switchOver();
            } catch (Exception e) {
                state = "failed";
                message = e.getMessage() == null ? e.toString() : e.getMessage();
                LOG.error("rebuild {} failed: {}", schema, message, e);
                abandon(message);
            } finally {
                finishedAt = Instant.now();
            }
        }

        private void scan() throws InterruptedException, ExecutionException {
            try (var pool = Executors.newFixedThreadPool(Math.min(segments, SCAN_THREADS),
                    Thread.ofPlatform().name("rebuild-scan-", 0).factory())) {
                List<Future<?>> parts = new ArrayList<>();
                for (int segment = 0; segment < segments; segment++) {
                    int s = segment;
                    parts.add(pool.submit(() -> scanSegment(s)));
                }
                long lastReport = System.nanoTime();
                for (Future<?> part : parts) {
                    while (true) {
                        try {
                            part.get(1, TimeUnit.SECONDS);
                            break;
                        } catch (java.util.concurrent.TimeoutException notYet) {
                            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(5)) {
                                lastReport = System.nanoTime();
                                var p = progress();
                                LOG.info("rebuild {}: {} of about {} events scanned ({} events/s)", schema, p.scanned(),
                                        p.estimated(), Math.round(p.eventsPerSecond()));
                            }
                        }
                    }
                }
            }
        }

        /**
         * {@code VACUUM (ANALYZE)} of every table of the new schema before it is compared and served: the
         * scan bulk-loaded it in upserts, so it is served with fresh planner statistics and visibility
         * maps rather than waiting for autovacuum. VACUUM cannot run in a transaction, so it runs on a
         * connection of its own in autocommit; the live consumer goes on applying to both schemas.
         */
        private void vacuum() throws java.sql.SQLException {
            long started = System.nanoTime();
            try (var connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                String tablesOfSchema = DSL.using(connection).fetchValue(
                        "SELECT string_agg(format('%I.%I', table_schema, table_name), ', ') FROM information_schema.tables "
                                + "WHERE table_schema = ? AND table_type = 'BASE TABLE'", schema).toString();
                try (var statement = connection.createStatement()) {
                    statement.execute("VACUUM (ANALYZE) " + tablesOfSchema);
                }
            }
            LOG.info("rebuild {}: vacuumed and analyzed in {} s", schema, (System.nanoTime() - started) / 1_000_000_000);
        }

        private void scanSegment(int segment) {
            var pages = dynamo.scanPaginator(r -> r.tableName(tables.events()).consistentRead(true)
                    .segment(segment).totalSegments(segments));
            for (var page : pages) {
                var events = new ArrayList<StoredEvent>(page.count());
                var items = new ArrayList<Map<String, AttributeValue>>(page.count());
                for (Map<String, AttributeValue> item : page.items()) {
                    try {
                        events.add(EventItems.fromItem(item));
                        items.add(item);
                    } catch (RuntimeException e) {
                        deadLetters.parkIn(schema, item, e.getMessage());
                    }
                }
                if (!events.isEmpty()) {
                    try {
                        applying.acquire();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("rebuild interrupted");
                    }
                    try {
                        if (!apply(events)) {
                            for (int i = 0; i < events.size(); i++) {
                                if (!apply(List.of(events.get(i)))) {
                                    deadLetters.parkIn(schema, items.get(i), "failed " + MAX_ATTEMPTS + " times in the rebuild");
                                }
                            }
                        }
                    } finally {
                        applying.release();
                    }
                }
                scanned.addAndGet(page.count());
            }
        }

        /**
         * Applies scanned events; a failure that is not theirs (a deadlock with the live consumer, an
         * outage) is retried until it passes, a poison one {@value #MAX_ATTEMPTS} times.
         *
         * @return false when the events are poison
         */
        private boolean apply(List<StoredEvent> events) {
            var backoff = Backoff.jittered(Duration.ofMillis(50), Duration.ofSeconds(5));
            int failures = 0;
            while (true) {
                try {
                    projection.applyTo(schema, ProjectedBatch.scanned(events));
                    return true;
                } catch (RuntimeException e) {
                    if (Failures.isPoison(e) && ++failures >= MAX_ATTEMPTS) {
                        return false;
                    }
                    LOG.debug("rebuild {}: retrying {} events after {}", schema, events.size(), e.toString());
                    if (!backoff.pause()) {
                        throw new IllegalStateException("rebuild interrupted");
                    }
                }
            }
        }

        private void switchOver() {
            boolean switched = sql.transactionResult(tx -> {
                DSLContext db = tx.dsl();
                db.execute("LOCK TABLE " + DSL.name(ReadModelSchema.LIVE, "projection_position") + ", "
                        + DSL.name(schema, "projection_position") + " IN EXCLUSIVE MODE");
                var live = ReadModelChecksums.of(db, ReadModelSchema.LIVE);
                var rebuilt = ReadModelChecksums.of(db, schema);
                differences = ReadModelChecksums.differences(live, rebuilt);
                if (!differences.isEmpty() && !force) {
                    return false;
                }
                // The stream's progress is the live consumer's, which has applied to both schemas since the
                // rebuild began; without it the new model would report no lag and no freshness until the next batch.
                db.execute("INSERT INTO " + DSL.name(schema, "shard_progress") + " SELECT * FROM "
                        + DSL.name(ReadModelSchema.LIVE, "shard_progress") + " ON CONFLICT (shard_id) DO NOTHING");
                db.execute("DROP SCHEMA " + DSL.name(ReadModelSchema.LIVE) + " CASCADE");
                db.execute("ALTER SCHEMA " + DSL.name(schema) + " RENAME TO " + DSL.name(ReadModelSchema.LIVE));
                db.update(Rebuilds.TABLE).set(Rebuilds.STATE, "switched")
                        .set(Rebuilds.FINISHED_AT, DSL.currentOffsetDateTime()).set(Rebuilds.EVENTS, scanned.get())
                        .where(Rebuilds.SCHEMA_NAME.eq(schema)).execute();
                return true;
            });
            if (switched) {
                state = "switched";
                message = differences.isEmpty()
                        ? "the rebuild matched the live read model table for table and is now live"
                        : "forced: the rebuild differed from the old live read model in " + differences.keySet() + " and is now live";
                LOG.info("rebuild {}: {}", schema, message);
            } else {
                state = "abandoned";
                message = "the rebuild differs from the live read model in " + differences.keySet()
                        + "; nothing was switched. Schema " + schema + " is kept for inspection. Rebuild with force to switch anyway.";
                LOG.warn("rebuild {}: {} {}", schema, message, differences);
                abandon(message);
            }
        }

        private void abandon(String note) {
            try {
                sql.update(Rebuilds.TABLE).set(Rebuilds.STATE, "abandoned")
                        .set(Rebuilds.FINISHED_AT, DSL.currentOffsetDateTime()).set(Rebuilds.NOTE, note)
                        .set(Rebuilds.EVENTS, scanned.get())
                        .where(Rebuilds.SCHEMA_NAME.eq(schema)).and(Rebuilds.STATE.eq("building")).execute();
            } catch (RuntimeException e) {
                LOG.error("rebuild {}: could not mark it abandoned; live batches still go to it until it is: {}", schema, e.toString());
            }
        }
    }

    /** Only one rebuild runs at a time. */
    public static final class AlreadyRunning extends DomainRejection {
        AlreadyRunning(RebuildProgress running) {
            super("rebuild " + running.schema() + " is still " + running.state(), running.state());
        }
    }
}
