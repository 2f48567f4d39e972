package dev.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.embedded.DevTokens;
import dev.tributary.embedded.LocalPostgres;
import dev.tributary.embedded.SharedLocalInfra;
import dev.tributary.events.EventStoreTables;
import dev.tributary.events.StoredEvent;
import dev.tributary.events.TableNames;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The projector as a process of its own, killed at the worst moments: after a batch's commit but
 * before its checkpoint, in the middle of a batch, and by {@code kill -9} at a moment it does not
 * choose. Events keep arriving while it is down. After the last restart the read model must equal a
 * clean rebuild from the events table, table by table, by checksum.
 */
class ProjectorCrashIT {

    private static final Path HOME = Path.of(System.getProperty("tributary.home", "../..")).toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = DevTokens.newSecret();
    private static DynamoDbClient dynamo;
    private static TableNames tables;
    private static String jdbcUrl;
    private static String applicationName;
    private static PrintStream log;
    private static final List<StoredEvent> WRITTEN = new ArrayList<>();
    private static final EventHistories HISTORIES = new EventHistories(42);

    @BeforeAll
    static void start() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        tables = new TableNames("crash-events-" + suffix, "crash-idempotency-" + suffix);
        applicationName = "crash-" + suffix;
        dynamo = SharedLocalInfra.dynamo().client();
        EventStoreTables.createIfMissing(dynamo, tables);
        jdbcUrl = SharedLocalInfra.postgres().createDatabase("projector_crash");
        Files.createDirectories(HOME.resolve("infra/local/target"));
        log = new PrintStream(Files.newOutputStream(HOME.resolve("infra/local/target/projector-crash.log")), true);
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        log.close();
    }

    @Test
    void projector_killed_after_commit_mid_batch_and_by_kill_9_converges_to_a_clean_rebuild() throws Exception {
        write(HISTORIES.catalog(40, 15));
        write(HISTORIES.orders(250));

        var afterCommit = projector("after-commit:3");
        assertThat(afterCommit.process().awaitExit(Duration.ofSeconds(90))).as("halted after the 3rd commit").hasValue(137);
        long appliedBeforeSecondCrash = applied();
        assertThat(appliedBeforeSecondCrash).as("the three committed batches stay committed").isPositive();
        write(HISTORIES.orders(50));

        var midBatch = projector("mid-batch:2");
        assertThat(midBatch.process().awaitExit(Duration.ofSeconds(90))).as("halted inside the 2nd transaction").hasValue(137);
        write(HISTORIES.orders(50));

        var killed = projector(null);
        awaitApplied(applied -> applied > appliedBeforeSecondCrash + 100);
        killed.process().kill();
        write(HISTORIES.orders(50));

        var last = projector(null);
        try {
            awaitApplied(applied -> applied == WRITTEN.size());
            assertThat(positions()).as("every aggregate at its last version").isEqualTo(expectedPositions());

            var rebuilt = rebuild(last);
            assertThat(rebuilt).contains("\"state\":\"switched\"");
            assertThat(rebuilt).as("no table differs from a clean rebuild").doesNotContain("\"differences\":{\"");
        } finally {
            last.process().stop(30);
        }
    }

    private static ProjectorProcess projector(String crashAt) {
        var settings = new LinkedHashMap<String, String>();
        settings.put("tributary.projector.max-records", "25");
        if (crashAt != null) {
            settings.put("tributary.projector.crash-at", crashAt);
        }
        return ProjectorProcess.start(HOME, SharedLocalInfra.dynamo().endpoint(), tables, jdbcUrl, applicationName, SECRET,
                settings, HOME.resolve("infra/local/target/class-data"), log);
    }

    private static String rebuild(ProjectorProcess projector) throws Exception {
        var base = projector.uri("/admin/rebuild");
        String token = DevTokens.token(SECRET, "test", List.of("admin"), Duration.ofMinutes(10));
        var started = HTTP.send(HttpRequest.newBuilder(URI.create(base + "?segments=2")).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        var deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            var progress = HTTP.send(HttpRequest.newBuilder(base).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (progress.contains("\"finishedAt\"")) {
                return progress;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the rebuild did not finish in 90 s");
    }

    private static void write(List<StoredEvent> events) {
        EventHistories.write(dynamo, tables.events(), events);
        WRITTEN.addAll(events);
    }

    private static long applied() throws Exception {
        try (var c = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "")) {
            var rows = c.createStatement().executeQuery("SELECT coalesce(sum(version), 0) FROM projection_position");
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException e) {
            return 0;
        }
    }

    private static void awaitApplied(java.util.function.LongPredicate done) throws Exception {
        var deadline = Instant.now().plus(Duration.ofSeconds(120));
        long applied = 0;
        while (Instant.now().isBefore(deadline)) {
            applied = applied();
            if (done.test(applied)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("applied " + applied + " of " + WRITTEN.size() + " events; gave up after 120 s (see infra/local/target/projector-crash.log)");
    }

    private static Map<String, Long> positions() throws Exception {
        var positions = new java.util.TreeMap<String, Long>();
        try (var c = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "")) {
            var rows = c.createStatement().executeQuery("SELECT aggregate, version FROM projection_position");
            while (rows.next()) {
                positions.put(rows.getString(1), rows.getLong(2));
            }
        }
        return positions;
    }

    private static Map<String, Long> expectedPositions() {
        var expected = new java.util.TreeMap<String, Long>();
        WRITTEN.forEach(e -> expected.merge(e.aggregateId().pk(), e.version(), Math::max));
        return expected;
    }
}
