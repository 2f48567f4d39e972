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
        QueryFixture.execute(postgres, "DELETE FROM tributary_control.shard_health", "DELETE FROM shard_progress");
    }

    @Test
    void a_stalled_shard_takes_health_down_with_its_reason_and_since_when() throws Exception {
        report("shard-1", "worker-a", "stalled", 95_000, "now() - interval '90 seconds'", "'product 7 rejects its event'", "now()");
        report("shard-2", "worker-a", "caught-up", 0, "NULL", "NULL", "now()");

        var health = query.get("/health", null);

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

        var health = query.get("/health", null);

        assertThat(health.statusCode()).isEqualTo(503);
        var projector = projector(health.body());
        assertThat(projector.at("/details/problems/0").asText()).startsWith("no report from worker worker-gone since ");
        assertThat(projector.at("/details/shards/shard-1/silent").asBoolean()).isTrue();
    }

    @Test
    void healthy_and_paused_shards_keep_health_up_with_each_shards_state_and_lag() throws Exception {
        report("shard-1", "worker-a", "applying", 1_200, "NULL", "NULL", "now() - interval '3 seconds'");
        report("shard-2", "worker-b", "paused", 40_000, "NULL", "NULL", "now()");

        var health = query.get("/health", null);

        assertThat(health.statusCode()).isEqualTo(200);
        var projector = projector(health.body());
        assertThat(projector.path("status").asText()).isEqualTo("UP");
        assertThat(projector.at("/details/problems").isMissingNode()).isTrue();
        assertThat(projector.at("/details/shards/shard-1/lagMillis").asLong()).isEqualTo(1_200);
        assertThat(projector.at("/details/shards/shard-2/state").asText()).isEqualTo("paused");
    }

    @Test
    void with_no_projector_reporting_health_is_up_and_says_so() throws Exception {
        var health = query.get("/health", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(projector(health.body()).at("/details/shards").asText()).isEqualTo("no projector is reporting");
    }

    @Test
    void liveness_stays_up_while_a_stalled_projector_takes_health_down() throws Exception {
        report("shard-1", "worker-a", "stalled", 95_000, "now()", "'poison'", "now()");

        assertThat(query.get("/health", null).statusCode()).isEqualTo(503);
        var liveness = query.get("/health/liveness", null);
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(liveness.body()).path("status").asText()).isEqualTo("UP");
        assertThat(liveness.body()).doesNotContain("projector");
    }

    @Test
    void an_unreadable_shard_health_table_leaves_the_projector_unknown_and_health_answering() throws Exception {
        QueryFixture.execute(postgres, "ALTER TABLE tributary_control.shard_health RENAME TO shard_health_away");
        try {
            var health = query.get("/health", null);

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
