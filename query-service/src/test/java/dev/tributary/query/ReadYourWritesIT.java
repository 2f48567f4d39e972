package dev.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads that carry a command's Consistency-Token, against a query service whose wait is 1 s. */
class ReadYourWritesIT {

    private static QueryFixture query;

    @BeforeAll
    static void start() {
        query = QueryFixture.shared();
    }


    @Test
    void a_read_with_a_consistency_token_waits_until_the_projector_reaches_that_version() throws Exception {
        var id = UUID.randomUUID();
        try (var projector = Executors.newSingleThreadScheduledExecutor()) {
            projector.schedule(() -> {
                QueryFixture.execute("INSERT INTO customers (customer_id, name, email, registered_at, updated_at, version) "
                                + "VALUES ('" + id + "', 'Frances Allen', 'frances@example.com', now(), now(), 1)",
                        "INSERT INTO projection_position (aggregate, version) VALUES ('Customer#" + id + "', 1)",
                        "SELECT pg_notify('projection_advanced', 'test')");
                return null;
            }, 300, TimeUnit.MILLISECONDS);

            var started = Instant.now();
            var response = query.send(query.request("/customers/" + id, query.token("reader"))
                    .header("Consistency-Token", "Customer#" + id + "@1"));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("Frances Allen");
            assertThat(Duration.between(started, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
    }

    @Test
    void a_version_the_projector_has_not_reached_in_time_is_a_503_with_retry_after() throws Exception {
        var response = query.send(query.request("/customers/" + UUID.randomUUID(), query.token("reader"))
                .header("Consistency-Token", "Customer#" + UUID.randomUUID() + "@7"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("has not reached");
    }

    @Test
    void a_malformed_consistency_token_is_a_400_problem() throws Exception {
        var response = query.send(query.request("/products", query.token("reader")).header("Consistency-Token", "yesterday"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Aggregate>#<id>@<version>");
    }

    @Test
    void every_answer_says_how_fresh_the_read_model_is() throws Exception {
        QueryFixture.execute("INSERT INTO shard_progress (shard_id, sequence_number, last_event_at) "
                + "VALUES ('fresh-" + UUID.randomUUID() + "', '1', '2026-11-21T10:00:00Z')",
                "SELECT pg_notify('projection_advanced', 'test')");

        var deadline = Instant.now().plusSeconds(30);
        var response = query.get("/products?limit=1");
        while (response.headers().firstValue("Tributary-Fresh-As-Of").isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            response = query.get("/products?limit=1");
        }

        assertThat(response.headers().firstValue("Tributary-Fresh-As-Of")).isPresent();
    }

    @Test
    void health_reports_freshness_and_prometheus_reports_requests_per_endpoint() throws Exception {
        query.get("/products?limit=1");

        var health = query.get("/health", query.token("reader"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("readModelFreshness", "freshAsOf");
        var metrics = query.get("/prometheus", null);
        assertThat(metrics.body()).contains("http_server_requests_seconds_count").contains("uri=\"/products\"");
    }
}
