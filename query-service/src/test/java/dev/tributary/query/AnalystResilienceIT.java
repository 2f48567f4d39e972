package dev.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import dev.tributary.embedded.LocalPostgres;
import dev.tributary.embedded.SharedLocalInfra;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an analyst's query that is killed or cancelled leaves behind: nothing that app reads or read-your-writes notice. */
class AnalystResilienceIT {

    private static QueryFixture query;

    @BeforeAll
    static void start() {
        query = QueryFixture.shared();
    }

    @Test
    void app_reads_and_health_keep_answering_after_an_analysts_backend_is_killed() throws Exception {
        var killed = CompletableFuture.supplyAsync(() -> sql("SELECT count(*) FROM generate_series(1, 10000000000) AS kill_me"));
        terminateWhenRunning("%kill_me%");

        assertThat(killed.get(5, TimeUnit.SECONDS).statusCode()).isNotEqualTo(200);
        appReadsAnswer();
    }

    @Test
    void app_reads_keep_answering_after_analysts_queries_are_cancelled_at_the_timeout() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(sql("SELECT count(*) FROM generate_series(1, 10000000000)").body()).contains("cancelled");
        }
        appReadsAnswer();
    }

    @Test
    void read_your_writes_recovers_by_itself_when_the_watchers_connection_is_killed() throws Exception {
        assertThat(terminate("application_name = 'tributary-projection-watcher'")).isPositive();
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

    private static void appReadsAnswer() throws Exception {
        for (int i = 0; i < 24; i++) {
            assertThat(query.get("/products?limit=1").statusCode()).as("app read " + i).isEqualTo(200);
        }
        assertThat(query.get("/health", null).statusCode()).isEqualTo(200);
        assertThat(sql("SELECT 1 AS one").body()).isEqualTo("[{\"one\":1}]");
    }

    private static void terminateWhenRunning(String queryLike) throws Exception {
        for (int i = 0; i < 50; i++) {
            if (terminate("state = 'active' AND query LIKE '" + queryLike + "' AND query NOT LIKE '%pg_stat_activity%'") > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no running query like " + queryLike);
    }

    /** Terminates the backends matching {@code where}; how many. */
    private static int terminate(String where) throws Exception {
        try (var c = DriverManager.getConnection(SharedLocalInfra.postgres().jdbcUrl(), LocalPostgres.USER, "");
             var rows = c.createStatement().executeQuery(
                     "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND " + where)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static HttpResponse<String> sql(String sql) {
        try {
            return query.sql("resilience", "application/json", sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
