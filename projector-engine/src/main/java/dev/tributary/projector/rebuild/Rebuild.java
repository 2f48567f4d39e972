package dev.tributary.projector.rebuild;

import com.zaxxer.hikari.HikariDataSource;
import dev.tributary.domain.DomainRejection;
import dev.tributary.eventstore.TableNames;
import dev.tributary.projector.projection.DeadLetters;
import dev.tributary.projector.projection.GapRepairingProjection;
import dev.tributary.projector.stream.StreamSettings;
import dev.tributary.readmodel.DomainProjection;
import dev.tributary.readmodel.ReadModelSchema;
import dev.tributary.readmodel.ReadModels;
import dev.tributary.readmodel.Rebuilds;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Rebuilds the read model, or one projection of it, from the events table, with no limit on its age,
 * into a fresh schema, and then makes it live.
 *
 * <ol>
 *   <li>Migrates a new schema ({@code rebuild_<time>}, or {@code rebuild_<projection>_<time>}) and
 *       registers it as building: from then on the live consumer applies every batch to it as well, in
 *       the same transaction, with every projection or the one being rebuilt.</li>
 *   <li>Reads the whole events table ({@link EventsTableScan}) and applies each page to the new schema.
 *       Positions make the two writers agree: whichever applies an event first wins, and gaps are
 *       filled from the table.</li>
 *   <li>Vacuums and analyzes the new schema, then verifies it against the live read model and switches
 *       it in ({@link SwitchOver}).</li>
 * </ol>
 * Rebuilding one projection leaves every other one serving and applying the live stream throughout; a
 * projection registered on a read model that already has history is backfilled this way
 * ({@code ProjectionStates}). A projector started on a table whose stream has already been trimmed is
 * bootstrapped by a forced rebuild.
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
    private static final DateTimeFormatter SCHEMA_TIME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS").withZone(ZoneOffset.UTC);

    private final DataSource dataSource;
    private final DSLContext sql;
    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final GapRepairingProjection projection;
    private final DeadLetters deadLetters;
    private final String worker;
    private final Duration heartbeatEvery;
    /** How many pages the scan threads apply at once: the pool's size less {@link #CONNECTIONS_LEFT}, at least 1. */
    private final int writers;
    private volatile Run current;

    /**
     * @param heartbeatEvery how often a running build writes its phase, progress and heartbeat to
     *                       {@code tributary_control.rebuilds} ({@code tributary.projector.build-heartbeat})
     */
    Rebuild(DataSource dataSource, DSLContext sql, DynamoDbClient dynamo, TableNames tables,
            GapRepairingProjection projection, DeadLetters deadLetters, StreamSettings settings,
            @Value("${tributary.projector.build-heartbeat:5s}") Duration heartbeatEvery) throws java.sql.SQLException {
        this.writers = Math.max(1, dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize() - CONNECTIONS_LEFT);
        this.dataSource = dataSource;
        this.sql = sql;
        this.dynamo = dynamo;
        this.tables = tables;
        this.projection = projection;
        this.deadLetters = deadLetters;
        this.worker = settings.workerIdOrHostName() + "/" + ProcessHandle.current().pid();
        this.heartbeatEvery = heartbeatEvery;
    }

    /** Starts a rebuild of the whole read model in the background; see {@link #start(boolean, int, String)}. */
    public RebuildProgress start(boolean force, int segments) {
        return start(force, segments, null);
    }

    /**
     * Starts a rebuild in the background.
     *
     * @param force      switch even when the rebuild differs from the live model (to repair it, or to bootstrap)
     * @param segments   how many segments the parallel Scan is split into, 1 to {@value #MAX_SEGMENTS};
     *                   up to {@value #SCAN_THREADS} are read at once
     * @param projection the one projection to rebuild; null for the whole read model
     * @throws AlreadyRunning     when a rebuild is in progress in this process
     * @throws UnknownProjection  when no domain registers a projection of that name
     */
    public RebuildProgress start(boolean force, int segments, String projection) {
        var run = begin(force, segments, projection == null ? null : find(projection));
        Thread.ofPlatform().name("rebuild").daemon(true).start(run::execute);
        return run.progress();
    }

    public Optional<RebuildProgress> current() {
        return Optional.ofNullable(current).map(Run::progress);
    }

    /** The schema of the build this process runs now, if one is unfinished; its heartbeat is this process's to write. */
    Optional<String> running() {
        return current().filter(p -> !p.finished()).map(RebuildProgress::schema);
    }

    private static DomainProjection find(String name) {
        return ReadModels.loaded().projections().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new UnknownProjection(name));
    }

    private synchronized Run begin(boolean force, int segments, DomainProjection scope) {
        if (current != null && !current.progress().finished()) {
            throw new AlreadyRunning(current.progress());
        }
        String time = SCHEMA_TIME.format(Instant.now());
        // A random tail: two projectors starting a build in the same millisecond never share a schema.
        String tail = time + "_" + Integer.toHexString(0x1000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(0xF000));
        current = new Run(scope == null ? "rebuild_" + tail : "rebuild_" + scope.name().replace('-', '_') + "_" + tail,
                force, segments, scope);
        return current;
    }

    private final class Run {
        final String schema;
        final boolean force;
        final int segments;
        final DomainProjection scope;
        final Instant startedAt = Instant.now();
        final EventsTableScan scan;
        volatile long estimated;
        volatile String state = "scanning";
        volatile Instant finishedAt;
        volatile Map<String, String> differences = Map.of();
        volatile String message;

        Run(String schema, boolean force, int segments, DomainProjection scope) {
            this.schema = schema;
            this.force = force;
            this.segments = segments;
            this.scope = scope;
            this.scan = new EventsTableScan(dynamo, tables, projection, deadLetters, schema, scope == null ? null : scope.name(),
                    segments, writers);
        }

        RebuildProgress progress() {
            Instant end = finishedAt == null ? Instant.now() : finishedAt;
            double seconds = Math.max(0.001, Duration.between(startedAt, end).toMillis() / 1000.0);
            return new RebuildProgress(schema, scope == null ? null : scope.name(), state, scan.scanned(), estimated,
                    scan.scanned() / seconds, startedAt, finishedAt, differences, message);
        }

        void execute() {
            Thread heartbeat = null;
            try {
                ReadModelSchema.migrateInto(dataSource, schema);
                estimated = dynamo.describeTable(d -> d.tableName(tables.events())).table().itemCount();
                register();
                heartbeat = Thread.ofPlatform().name("rebuild-heartbeat").daemon(true).start(this::beat);
                LOG.info("rebuild {}: scanning {} (about {} events) in {} segments, {} at a time, applying {} pages at a time, "
                                + "with {}; live batches are applied to it too",
                        schema, tables.events(), estimated, segments, Math.min(segments, SCAN_THREADS), writers,
                        scope == null ? "every projection" : "projection " + scope.name() + " alone");
                scan.run(scanned -> LOG.info("rebuild {}: {} of about {} events scanned ({} events/s)", schema, scanned,
                        estimated, Math.round(progress().eventsPerSecond())));
                state = "vacuuming";
                vacuum();
                state = "verifying";
                LOG.info("rebuild {}: scanned {} events; comparing with the live read model", schema, scan.scanned());
                finish(SwitchOver.run(sql, schema, scope, force, scan.scanned()));
            } catch (BuildingElsewhere e) {
                state = "failed";
                message = e.getMessage();
                LOG.warn("rebuild {} not started: {}", schema, message);
            } catch (Exception e) {
                state = "failed";
                message = e.getMessage() == null ? e.toString() : e.getMessage();
                LOG.error("rebuild {} failed: {}", schema, message, e);
                abandon(message);
            } finally {
                if (heartbeat != null) {
                    heartbeat.interrupt();
                }
                finishedAt = Instant.now();
            }
        }

        /**
         * Writes the build's phase, progress and heartbeat every {@code heartbeatEvery} until the build ends.
         * A write that finds the build no longer building (another projector marked it orphaned after an
         * outage longer than {@code build-orphaned-after}, say) stops the scan: its schema no longer gets
         * the live batches, so it could never be switched in.
         */
        private void beat() {
            int failures = 0;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(heartbeatEvery);
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    if (!Rebuilds.heartbeat(sql, schema, state, scan.scanned(), estimated)) {
                        String now = sql.select(Rebuilds.STATE).from(Rebuilds.TABLE).where(Rebuilds.SCHEMA_NAME.eq(schema))
                                .fetchOne(Rebuilds.STATE);
                        if ("orphaned".equals(now)) {
                            String why = "the build is no longer building: another projector marked it orphaned after "
                                    + "its heartbeat stopped (see tributary_control.rebuilds)";
                            LOG.warn("rebuild {}: {}; stopping", schema, why);
                            scan.cancel(why);
                        }
                        return; // switched or abandoned: by this run, which ends by itself
                    }
                    failures = 0;
                } catch (RuntimeException e) {
                    if (++failures == 3) {
                        LOG.warn("rebuild {}: its heartbeat has not been written {} times in a row; after "
                                + "tributary.projector.build-orphaned-after without one, other projectors mark it orphaned: {}",
                                schema, failures, e.toString());
                    }
                }
            }
        }

        private void register() {
            try {
                sql.insertInto(Rebuilds.TABLE).set(Rebuilds.SCHEMA_NAME, schema).set(Rebuilds.STATE, "building")
                        .set(Rebuilds.PROJECTION, scope == null ? null : scope.name()).set(Rebuilds.WORKER, worker)
                        .set(Rebuilds.PHASE, state).set(Rebuilds.ESTIMATED, estimated).execute();
            } catch (IntegrityConstraintViolationException e) {
                sql.execute("DROP SCHEMA " + DSL.name(schema) + " CASCADE");
                throw new BuildingElsewhere((scope == null ? "a whole rebuild" : "a rebuild of " + scope.name())
                        + " is already building (another projector may run it); see tributary_control.rebuilds");
            }
        }

        private void finish(SwitchOver.Outcome outcome) {
            differences = outcome.differences();
            if (outcome.switched()) {
                state = "switched";
                message = differences.isEmpty()
                        ? (scope == null ? "the rebuild matched the live read model table for table and is now live"
                                : "projection " + scope.name() + " was rebuilt from every event the live read model has met and is now live")
                        : "forced: the rebuild differed from the old live read model in " + differences.keySet() + " and is now live";
                LOG.info("rebuild {}: {}", schema, message);
            } else if (outcome.refusal() != null) {
                state = "abandoned";
                message = "the rebuild was not switched: " + outcome.refusal();
                LOG.warn("rebuild {}: {}", schema, message);
            } else {
                state = "abandoned";
                message = "the rebuild differs from the live read model in " + differences.keySet()
                        + "; nothing was switched. Schema " + schema + " is kept for inspection. Rebuild with force to switch anyway.";
                LOG.warn("rebuild {}: {} {}", schema, message, differences);
                abandon(message);
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

        private void abandon(String note) {
            try {
                Rebuilds.abandon(sql, schema, note, scan.scanned());
            } catch (RuntimeException e) {
                LOG.error("rebuild {}: could not mark it abandoned; live batches still go to it until it is: {}", schema, e.toString());
            }
        }
    }

    /** A build of the same scope is registered as building, by this projector or another. */
    private static final class BuildingElsewhere extends RuntimeException {
        BuildingElsewhere(String message) {
            super(message);
        }
    }

    /** Only one rebuild runs at a time. */
    public static final class AlreadyRunning extends DomainRejection {
        AlreadyRunning(RebuildProgress running) {
            super("rebuild " + running.schema() + " is still " + running.state(), running.state());
        }
    }

    /** No domain registers a projection of that name. */
    public static final class UnknownProjection extends dev.tributary.domain.CommandInvalid {
        UnknownProjection(String name) {
            super("no projection is named " + name + "; projections: " + String.join(", ",
                    ReadModels.loaded().projections().stream().map(DomainProjection::name).toList()));
        }
    }
}
