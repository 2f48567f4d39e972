package dev.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.embedded.LocalPostgres;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The projector's health as the query service sees it, from the rows its workers write to
 * {@code tributary_control.shard_health}: in {@code /health} and in {@code /reports/projector}. On a
 * Postgres of its own, since a stalled row takes {@code /health} down for every test that shares one.
 */
class PipeHealthIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalPostgres postgres;
    private static QueryFixture query;

    @BeforeAll
    static void start() {
        postgres = LocalPostgres.startThrowaway();
        query = new QueryFixture(postgres, Map.of());
    }

    @AfterAll
    static void stop() {
        query.close();
        postgres.close();
    }

    @BeforeEach
    void noProjectorReports() throws Exception {
        QueryFixture.execute(postgres, "DELETE FROM tributary_control.shard_health", "DELETE FROM shard_progress",
                "DELETE FROM tributary_control.rebuilds", "DELETE FROM tributary_control.projections WHERE name LIKE 'test-%'");
    }

    @Test
    void a_running_build_keeps_health_up_and_shows_its_phase_progress_and_worker() throws Exception {
        build("rebuild_test_a_1", "test-a", "building", "scanning", 500, "'worker-a/1'", "now()");

        var health = health();

        assertThat(health.statusCode()).isEqualTo(200);
        var builds = builds(health.body());
        assertThat(builds.path("status").asText()).isEqualTo("UP");
        assertThat(builds.at("/details/running/rebuild_test_a_1/phase").asText()).isEqualTo("scanning");
        assertThat(builds.at("/details/running/rebuild_test_a_1/events").asLong()).isEqualTo(500);
        assertThat(builds.at("/details/running/rebuild_test_a_1/estimated").asLong()).isEqualTo(1000);
        assertThat(builds.at("/details/running/rebuild_test_a_1/worker").asText()).isEqualTo("worker-a/1");
    }

    @Test
    void a_build_whose_heartbeat_stopped_takes_health_down_and_names_its_worker() throws Exception {
        build("rebuild_test_b_1", "test-b", "building", "scanning", 200, "'worker-gone/7'", "now() - interval '5 minutes'");

        var health = health();

        assertThat(health.statusCode()).isEqualTo(503);
        var builds = builds(health.body());
        assertThat(builds.path("status").asText()).isEqualTo("DOWN");
        assertThat(builds.at("/details/problems/0").asText()).startsWith("build rebuild_test_b_1 of projection test-b has had no heartbeat since ")
                .endsWith("(worker worker-gone/7)");
    }

    @Test
    void a_projection_backfilling_with_no_build_running_takes_health_down_and_shows_in_the_builds_report() throws Exception {
        QueryFixture.execute(postgres, "INSERT INTO tributary_control.projections (name, state, since) "
                + "VALUES ('test-c', 'backfilling', now() - interval '5 minutes')");
        build("rebuild_test_c_1", "test-c", "abandoned", null, 40, "'worker-a/1'", "now() - interval '5 minutes'");

        var health = health();

        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(builds(health.body()).at("/details/problems/0").asText())
                .startsWith("projection test-c has been backfilling since ").endsWith("with no build running: its tables are not served in full");
        var rows = JSON.readTree(query.get("/reports/builds", query.token("analyst")).body());
        assertThat(rows.findValuesAsText("state")).containsExactly("waiting", "abandoned");
        assertThat(rows.get(0).path("projection").asText()).isEqualTo("test-c");
        assertThat(rows.get(0).path("started_at").asText()).as("since when it waits").isNotBlank();
        assertThat(rows.get(1).path("schema").asText()).isEqualTo("rebuild_test_c_1");
    }

    @Test
    void a_projection_that_began_backfilling_a_moment_ago_is_not_yet_a_stall() throws Exception {
        QueryFixture.execute(postgres, "INSERT INTO tributary_control.projections (name, state) VALUES ('test-d', 'backfilling')");

        var health = health();

        assertThat(builds(health.body()).path("status").asText()).isEqualTo("UP");
        assertThat(builds(health.body()).at("/details/backfilling/0").asText()).isEqualTo("test-d");
    }

    private static void build(String schema, String projection, String state, String phase, long events, String worker,
                              String heartbeat) throws Exception {
        QueryFixture.execute(postgres, "INSERT INTO tributary_control.rebuilds (schema_name, state, projection, phase, events, "
                + "estimated, worker, heartbeat_at, finished_at) VALUES ('" + schema + "', '" + state + "', '" + projection + "', "
                + (phase == null ? "NULL" : "'" + phase + "'") + ", " + events + ", 1000, " + worker + ", " + heartbeat + ", "
                + (state.equals("building") ? "NULL" : heartbeat) + ")");
    }

    /** Health with its details, which only a caller with a token sees. */
    private static java.net.http.HttpResponse<String> health() throws Exception {
        return query.get("/health", query.token("reader"));
    }

    @Test
    void a_caller_without_a_token_gets_healths_status_and_code_but_no_workers_or_schemas() throws Exception {
        report("shard-1", "worker-secret-host/4242", "stalled", 95_000, "now()", "'poison'", "now()");
        build("rebuild_test_e_1", "test-e", "building", "scanning", 10, "'worker-secret-host/4242'", "now()");

        var anonymous = query.get("/health", null);

        assertThat(anonymous.statusCode()).as("load balancers and monitors still see it DOWN").isEqualTo(503);
        assertThat(JSON.readTree(anonymous.body()).path("status").asText()).isEqualTo("DOWN");
        assertThat(anonymous.body()).doesNotContain("worker-secret-host", "rebuild_test_e_1", "details");
        assertThat(health().body()).contains("worker-secret-host/4242", "rebuild_test_e_1");
    }

    private static JsonNode builds(String health) throws Exception {
        return JSON.readTree(health).at("/details/builds");
    }

    @Test
    void a_stalled_shard_takes_health_down_with_its_reason_and_since_when() throws Exception {
        report("shard-1", "worker-a", "stalled", 95_000, "now() - interval '90 seconds'", "'product 7 rejects its event'", "now()");
        report("shard-2", "worker-a", "caught-up", 0, "NULL", "NULL", "now()");

        var health = health();

        assertThat(health.statusCode()).isEqualTo(503);
        var projector = projector(health.body());
        assertThat(projector.path("status").asText()).isEqualTo("DOWN");
        assertThat(projector.at("/details/problems/0").asText()).startsWith("shard shard-1 stalled since ").endsWith(": product 7 rejects its event");
        assertThat(projector.at("/details/shards/shard-1/lagMillis").asLong()).isEqualTo(95_000);
        assertThat(projector.at("/details/shards/shard-2/state").asText()).isEqualTo("caught-up");
    }

    @Test
    void a_worker_that_stopped_reporting_takes_health_down_and_is_named() throws Exception {
        report("shard-1", "worker-gone", "applying", 300, "NULL", "NULL", "now() - interval '5 minutes'");

        var health = health();

        assertThat(health.statusCode()).isEqualTo(503);
        var projector = projector(health.body());
        assertThat(projector.at("/details/problems/0").asText()).startsWith("no report from worker worker-gone since ");
        assertThat(projector.at("/details/shards/shard-1/silent").asBoolean()).isTrue();
    }

    @Test
    void healthy_and_paused_shards_keep_health_up_with_each_shards_state_and_lag() throws Exception {
        report("shard-1", "worker-a", "applying", 1_200, "NULL", "NULL", "now() - interval '3 seconds'");
        report("shard-2", "worker-b", "paused", 40_000, "NULL", "NULL", "now()");

        var health = health();

        assertThat(health.statusCode()).isEqualTo(200);
        var projector = projector(health.body());
        assertThat(projector.path("status").asText()).isEqualTo("UP");
        assertThat(projector.at("/details/problems").isMissingNode()).isTrue();
        assertThat(projector.at("/details/shards/shard-1/lagMillis").asLong()).isEqualTo(1_200);
        assertThat(projector.at("/details/shards/shard-2/state").asText()).isEqualTo("paused");
    }

    @Test
    void with_no_projector_reporting_health_is_up_and_says_so() throws Exception {
        var health = health();

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(projector(health.body()).at("/details/shards").asText()).isEqualTo("no projector is reporting");
    }

    @Test
    void liveness_stays_up_while_a_stalled_projector_takes_health_down() throws Exception {
        report("shard-1", "worker-a", "stalled", 95_000, "now()", "'poison'", "now()");

        assertThat(health().statusCode()).isEqualTo(503);
        var liveness = query.get("/health/liveness", null);
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(liveness.body()).path("status").asText()).isEqualTo("UP");
        assertThat(liveness.body()).doesNotContain("projector");
    }

    @Test
    void an_unreadable_shard_health_table_leaves_the_projector_unknown_and_health_answering() throws Exception {
        QueryFixture.execute(postgres, "ALTER TABLE tributary_control.shard_health RENAME TO shard_health_away");
        try {
            var health = health();

            var projector = projector(health.body());
            assertThat(projector.path("status").asText()).isEqualTo("UNKNOWN");
            assertThat(projector.at("/details/error").asText()).startsWith("cannot read tributary_control.shard_health: ");
            assertThat(health.statusCode()).as("UNKNOWN is not DOWN").isEqualTo(200);
        } finally {
            QueryFixture.execute(postgres, "ALTER TABLE tributary_control.shard_health_away RENAME TO shard_health");
        }
    }

    @Test
    void the_projector_report_gives_each_shard_its_live_state_lag_and_stall_and_puts_troubled_shards_first() throws Exception {
        QueryFixture.execute(postgres, "INSERT INTO shard_progress (shard_id, sequence_number, last_event_at, updated_at) VALUES "
                + "('shard-ok', '9', now() - interval '50 milliseconds', now()), ('shard-stuck', '4', now() - interval '2 minutes', now() - interval '2 minutes')");
        report("shard-ok", "worker-a", "caught-up", 0, "NULL", "NULL", "now()");
        report("shard-stuck", "worker-a", "stalled", 120_000, "'2026-05-01T10:00:00Z'", "'product 7 rejects its event'", "now()");
        report("shard-first-batch", "worker-b", "applying", 700, "NULL", "NULL", "now() - interval '10 minutes'");

        var shards = JSON.readTree(query.get("/reports/projector", query.token("analyst")).body());

        assertThat(shards.findValuesAsText("shard_id")).containsExactly("shard-stuck", "shard-first-batch", "shard-ok");
        var stuck = shards.get(0);
        assertThat(stuck.path("state").asText()).isEqualTo("stalled");
        assertThat(stuck.path("live_lag_millis").asLong()).isEqualTo(120_000);
        assertThat(stuck.path("stalled_since").asText()).isEqualTo("2026-05-01T10:00:00Z");
        assertThat(stuck.path("reason").asText()).isEqualTo("product 7 rejects its event");
        assertThat(stuck.path("silent").asBoolean()).isFalse();
        assertThat(stuck.has("reported_at") && stuck.has("last_event_at") && stuck.has("committed_at") && stuck.has("lag_millis")).isTrue();
        var silent = shards.get(1);
        assertThat(silent.path("silent").asBoolean()).isTrue();
        assertThat(silent.path("worker").asText()).isEqualTo("worker-b");
        assertThat(silent.path("last_event_at").isNull()).as("no batch committed yet").isTrue();
        assertThat(shards.get(2).path("state").asText()).isEqualTo("caught-up");
    }

    private static void report(String shard, String worker, String state, long lagMillis, String stalledSince, String reason,
                               String reportedAt) throws Exception {
        QueryFixture.execute(postgres, "INSERT INTO tributary_control.shard_health "
                + "(shard_id, worker, state, lag_millis, stalled_since, reason, reported_at) VALUES ('" + shard + "', '" + worker + "', '"
                + state + "', " + lagMillis + ", " + stalledSince + ", " + reason + ", " + reportedAt + ")");
    }

    private static JsonNode projector(String health) throws Exception {
        return JSON.readTree(health).at("/details/projector");
    }
}
