package dev.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The projector as a process of its own, killed at the worst moments: after a batch's commit but
 * before its checkpoint, in the middle of a batch, and by {@code kill -9} at a moment it does not
 * choose. Events keep arriving while it is down. After the last restart the read model must equal a
 * clean rebuild from the events table, table by table, by checksum.
 */
class ProjectorCrashIT {

    private static final EventHistories HISTORIES = new EventHistories(42);
    private static ProjectorHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new ProjectorHarness("crash");
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void projector_killed_after_commit_mid_batch_and_by_kill_9_converges_to_a_clean_rebuild() throws Exception {
        harness.write(HISTORIES.catalog(40, 15));
        harness.write(HISTORIES.orders(250));

        var afterCommit = harness.start(Map.of("tributary.projector.crash-at", "after-commit:3"));
        assertThat(afterCommit.process().awaitExit(Duration.ofSeconds(90))).as("halted after the 3rd commit").hasValue(137);
        long appliedBeforeSecondCrash = harness.applied();
        assertThat(appliedBeforeSecondCrash).as("the three committed batches stay committed").isPositive();
        harness.write(HISTORIES.orders(50));

        var midBatch = harness.start(Map.of("tributary.projector.crash-at", "mid-batch:2"));
        assertThat(midBatch.process().awaitExit(Duration.ofSeconds(90))).as("halted inside the 2nd transaction").hasValue(137);
        harness.write(HISTORIES.orders(50));

        var killed = harness.start(Map.of());
        harness.awaitApplied(applied -> applied > appliedBeforeSecondCrash + 100);
        killed.process().kill();
        harness.write(HISTORIES.orders(50));

        var last = harness.start(Map.of());
        try {
            harness.awaitAllApplied();
            assertThat(harness.positions()).as("every aggregate at its last version").isEqualTo(harness.expectedPositions());
            harness.assertEqualsCleanRebuild(last);
        } finally {
            last.process().stop(30);
        }
    }

    @Test
    void a_rebuild_whose_projector_is_killed_is_marked_orphaned_by_the_next_projector_and_a_new_rebuild_switches_in()
            throws Exception {
        try (var orphan = new ProjectorHarness("orphan")) {
            var histories = new EventHistories(7); // its own: the orders of a history reserve stock of its own catalog
            orphan.write(histories.catalog(40, 15));
            orphan.write(histories.orders(1000));
            var building = Map.of("tributary.projector.build-heartbeat", "500ms", "tributary.projector.build-orphaned-after", "5s",
                    "tributary.projector.build-check", "1s", "tributary.projector.max-records", "1000");
            var first = orphan.start(building);
            Readiness.await(first.process(), first.uri("/status"), body -> true, Duration.ofSeconds(90));
            orphan.awaitAllApplied();

            var started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(first.uri("/admin/rebuild?segments=1"))
                    .header("Authorization", "Bearer " + orphan.adminToken()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            String schema = started.body().replaceAll(".*\"schema\":\"([^\"]+)\".*", "$1");
            await(() -> "building".equals(orphan.queryOne(state(schema))));
            first.process().kill();
            assertThat(orphan.queryOne(state(schema))).as("killed while it was building").isEqualTo("building");

            var next = orphan.start(building);
            try {
                Readiness.await(next.process(), next.uri("/status"), body -> true, Duration.ofSeconds(90));
                await(() -> "orphaned".equals(orphan.queryOne(state(schema))));
                assertThat(orphan.queryOne("SELECT note FROM tributary_control.rebuilds WHERE schema_name = '" + schema + "'"))
                        .startsWith("no heartbeat from worker ");
                orphan.assertEqualsCleanRebuild(next);
            } finally {
                next.process().stop(30);
            }
        }
    }

    private static String state(String schema) {
        return "SELECT state FROM tributary_control.rebuilds WHERE schema_name = '" + schema + "'";
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.call()) {
            assertThat(Instant.now()).as("waited 60 s").isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
