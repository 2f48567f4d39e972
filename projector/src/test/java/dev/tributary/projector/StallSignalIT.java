package dev.tributary.projector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.embedded.SharedLocalInfra;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stall is never silent: a shard whose records wait behind a lock on a read-model table says so
 * in /status, /health, the metrics and the shard_health table within stall-after, its lag grows,
 * and it clears by itself once the lock goes.
 */
class StallSignalIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ProjectorFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ProjectorFixture(SharedLocalInfra.postgres().createDatabase("stall_signal"));
        fixture.startProjector(Map.of("tributary.projector.stall-after", "2s", "tributary.projector.health-report-every", "300ms"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void a_shard_held_behind_a_table_lock_is_reported_stalled_everywhere_and_recovers_by_itself() throws Exception {
        var first = UUID.randomUUID();
        fixture.append(ProjectorFixture.registered(first, "First"));
        await(() -> count("SELECT count(*) FROM customers WHERE customer_id = '" + first + "'") == 1);
        assertThat(get("/health").statusCode()).isEqualTo(200);

        var blocked = UUID.randomUUID();
        try (var lock = fixture.database()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE customers IN ACCESS EXCLUSIVE MODE");
            fixture.append(ProjectorFixture.registered(blocked, "Blocked"));

            await(() -> status().get("stalled").asBoolean());
            JsonNode shard = status().get("shards").get(0);
            assertThat(shard.get("state").asText()).isEqualTo("stalled");
            assertThat(shard.get("reason").asText()).contains("none has been applied");
            assertThat(shard.get("stalledSince").asText()).isNotBlank();
            long lag = shard.get("lagMillis").asLong();
            Thread.sleep(500);
            assertThat(status().get("shards").get(0).get("lagMillis").asLong()).as("a stuck shard's lag grows").isGreaterThan(lag);
            assertThat(get("/health").statusCode()).isEqualTo(503);
            assertThat(get("/prometheus").body()).containsPattern("tributary_projector_stalled\\{shard=\"[^\"]+\"} 1\\.0");
            await(() -> count("SELECT count(*) FROM tributary_control.shard_health WHERE state = 'stalled' AND stalled_since IS NOT NULL") == 1);

            lock.rollback();
        }

        await(() -> count("SELECT count(*) FROM customers WHERE customer_id = '" + blocked + "'") == 1);
        await(() -> !status().get("stalled").asBoolean());
        await(() -> status().get("shards").get(0).get("lagMillis").asLong() == 0);
        assertThat(get("/health").statusCode()).isEqualTo(200);
        await(() -> count("SELECT count(*) FROM tributary_control.shard_health WHERE state = 'caught-up'") == 1);
    }

    private static JsonNode status() throws Exception {
        return JSON.readTree(get("/status").body());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(fixture.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(String sql) throws Exception {
        return fixture.count(sql);
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        ProjectorFixture.await(condition);
    }
}
