package dev.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.embedded.DevTokens;
import dev.tributary.embedded.LocalPostgres;
import dev.tributary.embedded.SharedLocalInfra;
import dev.tributary.eventstore.EventStoreTables;
import dev.tributary.events.StoredEvent;
import dev.tributary.eventstore.TableNames;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.LongPredicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Projector processes of one KCL application over tables and a database of their own, the events
 * written to them, and what the read model says about them: the tests that kill projectors share it.
 */
final class ProjectorHarness implements AutoCloseable {

    static final Path HOME = Path.of(System.getProperty("tributary.home", "../..")).toAbsolutePath().normalize();

    final DynamoDbClient dynamo;
    final TableNames tables;
    final String jdbcUrl;
    final String applicationName;
    private final String secret = DevTokens.newSecret();
    private final PrintStream log;
    private final String logName;
    private final List<StoredEvent> written = new ArrayList<>();

    /**
     * @param name names the tables, the database (letters and underscores) and the log under
     *             infra/local/target
     */
    ProjectorHarness(String name) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        tables = new TableNames(name + "-events-" + suffix, name + "-idempotency-" + suffix);
        applicationName = name + "-" + suffix;
        dynamo = SharedLocalInfra.dynamo().client();
        EventStoreTables.createIfMissing(dynamo, tables);
        jdbcUrl = SharedLocalInfra.postgres().createDatabase("projector_" + name);
        logName = "infra/local/target/projector-" + name + ".log";
        Files.createDirectories(HOME.resolve("infra/local/target"));
        log = new PrintStream(Files.newOutputStream(HOME.resolve(logName)), true);
    }

    /** A projector worker; {@code settings} win over the defaults (25 records a batch, the worker id = the application). */
    ProjectorProcess start(Map<String, String> settings) {
        var all = new java.util.LinkedHashMap<String, String>();
        all.put("tributary.projector.max-records", "25");
        all.putAll(settings);
        return ProjectorProcess.start(HOME, SharedLocalInfra.dynamo().endpoint(), tables, jdbcUrl, applicationName, secret,
                all, HOME.resolve("infra/local/target/class-data"), log);
    }

    synchronized void write(List<StoredEvent> events) {
        EventHistories.write(dynamo, tables.events(), events);
        written.addAll(events);
    }

    synchronized int writtenCount() {
        return written.size();
    }

    /** The sum of every aggregate's projected version: the number of events applied, each once. */
    long applied() {
        try (var c = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "")) {
            var rows = c.createStatement().executeQuery("SELECT coalesce(sum(version), 0) FROM projection_position");
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            return 0;
        }
    }

    void awaitApplied(LongPredicate done) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(120));
        long applied = 0;
        while (Instant.now().isBefore(deadline)) {
            applied = applied();
            if (done.test(applied)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("applied " + applied + " of " + writtenCount() + " events; gave up after 120 s (see " + logName + ")");
    }

    void awaitAllApplied() throws InterruptedException {
        awaitApplied(applied -> applied == writtenCount());
    }

    Map<String, Long> positions() throws SQLException {
        var positions = new TreeMap<String, Long>();
        try (var c = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "")) {
            var rows = c.createStatement().executeQuery("SELECT aggregate, version FROM projection_position");
            while (rows.next()) {
                positions.put(rows.getString(1), rows.getLong(2));
            }
        }
        return positions;
    }

    synchronized Map<String, Long> expectedPositions() {
        var expected = new TreeMap<String, Long>();
        written.forEach(e -> expected.merge(e.aggregateId().pk(), e.version(), Math::max));
        return expected;
    }

    /**
     * Rebuilds the read model from the events table through {@code projector}'s admin API and asserts
     * that it switched with no table differing from the incrementally built one.
     */
    void assertEqualsCleanRebuild(ProjectorProcess projector) throws Exception {
        String token = adminToken();
        var outcome = RebuildClient.run(projector.uri("/admin/rebuild"), token, false, 2, Duration.ofMillis(200),
                Duration.ofSeconds(90), schema -> { }, progress -> { });
        assertThat(outcome.agreed()).as("no table differs from a clean rebuild: " + outcome).isTrue();
    }

    /** A token for the projector's admin API. */
    String adminToken() {
        return DevTokens.token(secret, "test", List.of("admin"), Duration.ofMinutes(10));
    }

    /** One value that {@code sql} selects from the read model's database. */
    String queryOne(String sql) throws SQLException {
        try (var c = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, ""); var rows = c.createStatement().executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    @Override
    public void close() {
        dynamo.close();
        log.close();
    }
}
