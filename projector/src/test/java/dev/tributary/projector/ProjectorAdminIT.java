package dev.tributary.projector;

import dev.tributary.domains.shop.events.Shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.tributary.embedded.SharedLocalInfra;
import dev.tributary.events.AggregateId;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerEmailChanged;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerRenamed;
import dev.tributary.eventstore.EventItems;
import dev.tributary.projector.rebuild.Rebuild;
import dev.tributary.readmodel.ReadModelSchema;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The projector running on the stream, in a database of its own (a rebuild replaces the whole read
 * model), operated through its admin API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectorAdminIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ProjectorFixture fixture;
    private static String admin;

    @BeforeAll
    static void start() {
        fixture = new ProjectorFixture(SharedLocalInfra.postgres().createDatabase("projector_admin"));
        fixture.startProjector();
        admin = fixture.token("admin");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    @Order(1)
    void a_poison_event_is_parked_and_holds_back_only_its_own_aggregate_until_retried_after_a_fix() throws Exception {
        var ada = UUID.randomUUID();
        var alan = UUID.randomUUID();
        fixture.append(ProjectorFixture.registered(ada, "Ada"));
        var poison = new java.util.HashMap<>(EventItems.toItem(ProjectorFixture.event(Shop.customer(ada), 2,
                new CustomerEmailChanged(ada, "ada@example.com"))));
        poison.put(EventItems.DATA, AttributeValue.fromM(java.util.Map.of("customerId", AttributeValue.fromS(ada.toString()),
                "email", AttributeValue.fromN("42"))));
        fixture.dynamo.putItem(p -> p.tableName(fixture.tables.events()).item(poison));
        fixture.append(ProjectorFixture.event(Shop.customer(ada), 3, new CustomerRenamed(ada, "Ada Lovelace")));
        fixture.append(ProjectorFixture.registered(alan, "Alan"));

        await(() -> count("SELECT count(*) FROM customers WHERE customer_id = '" + alan + "'") == 1
                && count("SELECT count(*) FROM dead_letter WHERE state = 'waiting'") == 1);
        assertThat(count("SELECT version FROM projection_position WHERE aggregate = 'Customer#" + ada + "'"))
                .as("Ada stops before her poison event").isEqualTo(1);
        assertThat(send("GET", "/admin/dead-letters", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/admin/dead-letters", fixture.token("writer")).statusCode()).isEqualTo(403);
        var parked = json(send("GET", "/admin/dead-letters?state=parked", admin));
        assertThat(parked).hasSize(1);
        long id = parked.get(0).get("id").asLong();
        var letter = json(send("GET", "/admin/dead-letters/" + id, admin));
        assertThat(letter.get("error").asText()).contains("email");
        assertThat(letter.get("payload").get("data").get("email").asInt()).isEqualTo(42);

        var stillFailing = send("POST", "/admin/dead-letters/" + id + "/retry", admin);
        assertThat(stillFailing.statusCode()).isEqualTo(409);
        assertThat(stillFailing.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        fixture.append(ProjectorFixture.event(Shop.customer(ada), 2, new CustomerEmailChanged(ada, "ada@example.com")), false);
        var retried = send("POST", "/admin/dead-letters/" + id + "/retry", admin);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(retried.body()).get("applied").asInt()).isEqualTo(2);
        try (var c = fixture.database()) {
            ResultSet row = c.createStatement().executeQuery("SELECT name, email, version FROM customers WHERE customer_id = '" + ada + "'");
            assertThat(row.next()).isTrue();
            assertThat(row.getString("name")).isEqualTo("Ada Lovelace");
            assertThat(row.getString("email")).isEqualTo("ada@example.com");
            assertThat(row.getLong("version")).isEqualTo(3);
        }
    }

    @Test
    @Order(2)
    void a_rebuild_from_the_events_table_in_more_segments_than_it_reads_at_once_equals_the_incremental_model_and_becomes_live()
            throws Exception {
        var progress = rebuild(false, Rebuild.SCAN_THREADS + 36);

        assertThat(progress.get("state").asText()).as(progress.toString()).isEqualTo("switched");
        assertThat(progress.path("differences").size()).isZero();
        assertThat(progress.get("scanned").asLong()).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM customers")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM shard_progress")).as("the stream's progress carries over").isPositive();
        assertThat(count("SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = '" + ReadModelSchema.LIVE + "'"))
                .as("the live model's tables").isGreaterThan(10);
        assertThat(count("SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = '" + ReadModelSchema.LIVE
                + "' AND (last_vacuum IS NULL OR last_analyze IS NULL)"))
                .as("tables of the rebuilt model served without VACUUM (ANALYZE)").isZero();
    }

    @Test
    @Order(3)
    void a_rebuild_in_1024_segments_on_a_pool_of_4_connections_leaves_the_others_their_connections_and_the_health_check_up() throws Exception {
        try (var small = new ProjectorFixture(SharedLocalInfra.postgres().createDatabase("projector_small_pool"))) {
            // 2 s for a connection: a health check on a busy machine may wait a moment, never for the whole rebuild.
            var context = small.startProjector(Map.of("datasources.default.maximum-pool-size", 4,
                    "datasources.default.connection-timeout", 2_000));
            var items = new ArrayList<WriteRequest>();
            for (int i = 0; i < 5_000; i++) {
                var event = ProjectorFixture.registered(UUID.randomUUID(), "Pool Customer " + i);
                items.add(WriteRequest.builder()
                        .putRequest(r -> r.item(EventItems.toItem(event))).build());
            }
            for (int from = 0; from < items.size(); from += 25) {
                var batch = items.subList(from, from + 25);
                small.dynamo.batchWriteItem(b -> b.requestItems(Map.of(small.tables.events(), batch)));
            }
            var rebuild = context.getBean(Rebuild.class);
            rebuild.start(false, 1024);
            var pool = context.getBean(DataSource.class).unwrap(HikariDataSource.class).getHikariPoolMXBean();
            int checks = 0;
            int mostWaiting = 0;
            var down = new ArrayList<String>();
            var deadline = Instant.now().plus(Duration.ofMinutes(5));
            while (!rebuild.current().orElseThrow().finished()) {
                assertThat(Instant.now()).as("the rebuild finishes").isBefore(deadline);
                mostWaiting = Math.max(mostWaiting, pool.getThreadsAwaitingConnection());
                var health = HTTP.send(HttpRequest.newBuilder(small.uri("/health")).build(), HttpResponse.BodyHandlers.ofString());
                checks++;
                if (health.statusCode() != 200) {
                    down.add(health.statusCode() + " " + health.body());
                }
                Thread.sleep(20);
            }
            var progress = rebuild.current().orElseThrow();
            assertThat(progress.state()).as(progress.toString()).isEqualTo("switched");
            assertThat(progress.scanned()).isEqualTo(5_000);
            assertThat(checks).as("health checks while the rebuild ran").isGreaterThan(10);
            assertThat(down).as("health checks that found no connection").isEmpty();
            // Before the rebuild left connections to the others, 57 threads queued at once and health checks failed.
            assertThat(mostWaiting).as("threads queued for a connection: at most the others the rebuild leaves room for")
                    .isLessThanOrEqualTo(Rebuild.CONNECTIONS_LEFT);
        }
    }

    @Test
    @Order(4)
    void a_rebuild_that_differs_from_the_live_model_is_not_switched_unless_forced() throws Exception {
        try (var c = fixture.database()) {
            c.createStatement().executeUpdate("UPDATE customers SET name = 'Corrupted' WHERE name = 'Alan'");
        }

        var refused = rebuild(false, 2);
        assertThat(refused.get("state").asText()).isEqualTo("abandoned");
        assertThat(refused.get("differences").has("customers")).isTrue();
        assertThat(count("SELECT count(*) FROM customers WHERE name = 'Corrupted'")).isEqualTo(1);

        var tooMany = send("POST", "/admin/rebuild?segments=" + (Rebuild.MAX_SEGMENTS + 1), admin);
        assertThat(tooMany.statusCode()).as(tooMany.body()).isEqualTo(400);
        assertThat(tooMany.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(tooMany.body()).contains("segments");

        var forced = rebuild(true, 2);
        assertThat(forced.get("state").asText()).isEqualTo("switched");
        assertThat(count("SELECT count(*) FROM customers WHERE name = 'Corrupted'")).isZero();
    }

    @Test
    @Order(5)
    void a_paused_projector_applies_nothing_until_resumed() throws Exception {
        assertThat(json(send("POST", "/admin/pause", admin)).get("paused").asBoolean()).isTrue();
        var grace = UUID.randomUUID();
        fixture.append(ProjectorFixture.registered(grace, "Grace"));
        Thread.sleep(1500);
        assertThat(count("SELECT count(*) FROM customers WHERE customer_id = '" + grace + "'")).isZero();

        assertThat(json(send("POST", "/admin/resume", admin)).get("paused").asBoolean()).isFalse();
        await(() -> count("SELECT count(*) FROM customers WHERE customer_id = '" + grace + "'") == 1);
    }

    @Test
    @Order(6)
    void prometheus_reports_events_applied_dead_letters_and_lag() throws Exception {
        var metrics = send("GET", "/prometheus", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("tributary_projector_events_applied_total", "tributary_projector_dead_letters_total",
                "tributary_projector_lag_milliseconds", "tributary_projector_retries_total");
    }

    private static JsonNode rebuild(boolean force, int segments) throws Exception {
        var started = send("POST", "/admin/rebuild?segments=" + segments + "&force=" + force, admin);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            var progress = json(send("GET", "/admin/rebuild", admin));
            if (progress.hasNonNull("finishedAt")) {
                return progress;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the rebuild did not finish within 60 s");
    }

    private static HttpResponse<String> send(String method, String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(fixture.uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private static long count(String sql) throws Exception {
        return fixture.count(sql);
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        ProjectorFixture.await(condition);
    }
}
