package dev.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import dev.tributary.embedded.SharedLocalInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an analyst's query that is killed or cancelled leaves behind: nothing that app reads or read-your-writes notice. */
class AnalystResilienceIT {

    private static QueryFixture query;
    /** A service whose analysts' queries run long enough to be seen and killed on a busy machine. */
    private static QueryFixture patient;

    @BeforeAll
    static void start() {
        query = QueryFixture.shared();
        patient = new QueryFixture(SharedLocalInfra.postgres(), Map.of("tributary.query.sql-timeout", "60s"));
    }

    @AfterAll
    static void stop() {
        patient.close();
    }

    @Test
    void app_reads_and_health_keep_answering_after_an_analysts_backend_is_killed() throws Exception {
        var killed = CompletableFuture.supplyAsync(() -> sql(patient, "SELECT count(*) FROM generate_series(1, 10000000000) AS kill_me"));
        QueryFixture.awaitBackends("state = 'active' AND query LIKE '%kill_me%'", 1, "pg_terminate_backend");

        assertThat(killed.get(30, TimeUnit.SECONDS).statusCode()).isNotEqualTo(200);
        appReadsAnswer(patient);
    }

    @Test
    void app_reads_keep_answering_after_analysts_queries_are_cancelled_at_the_timeout() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(sql(query, "SELECT count(*) FROM generate_series(1, 10000000000)").body()).contains("cancelled");
        }
        appReadsAnswer(query);
    }

    @Test
    void read_your_writes_recovers_by_itself_when_the_watchers_connection_is_killed() throws Exception {
        QueryFixture.awaitBackends("application_name = 'tributary-projection-watcher'", 1, "pg_terminate_backend");
        var id = UUID.randomUUID();
        try (var projector = Executors.newSingleThreadScheduledExecutor()) {
            projector.schedule(() -> {
                QueryFixture.execute("INSERT INTO customers (customer_id, name, email, registered_at, updated_at, version) "
                                + "VALUES ('" + id + "', 'Barbara Liskov', 'barbara@example.com', now(), now(), 1)",
                        "INSERT INTO projection_position (aggregate, version) VALUES ('Customer#" + id + "', 1)",
                        "SELECT pg_notify('projection_advanced', 'test')");
                return null;
            }, 50, TimeUnit.MILLISECONDS);

            var response = query.send(query.request("/customers/" + id, query.token("reader"))
                    .header("Consistency-Token", "Customer#" + id + "@1"));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("Barbara Liskov");
        }
    }

    private static void appReadsAnswer(QueryFixture service) throws Exception {
        for (int i = 0; i < 24; i++) {
            assertThat(service.get("/products?limit=1").statusCode()).as("app read " + i).isEqualTo(200);
        }
        assertThat(service.get("/health", null).statusCode()).isEqualTo(200);
        assertThat(sql(service, "SELECT 1 AS one").body()).isEqualTo("[{\"one\":1}]");
    }

    private static HttpResponse<String> sql(QueryFixture service, String sql) {
        try {
            return service.sql("resilience", "application/json", sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
