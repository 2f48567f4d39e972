package dev.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /sql with a 1 s timeout and a cap of 50 rows, over orders in the currency XAG, which no other test uses. */
class AnalystSqlIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static QueryFixture query;

    @BeforeAll
    static void start() throws Exception {
        query = QueryFixture.shared();
        var customer = UUID.randomUUID();
        for (int i = 1; i <= 3; i++) {
            QueryFixture.execute("INSERT INTO orders (order_id, customer_id, status, total_minor, currency, placed_at, updated_at, version) "
                    + "VALUES ('" + UUID.randomUUID() + "', '" + customer + "', 'paid', " + (i * 100) + ", 'XAG', '2026-07-0" + i
                    + "T10:00:00Z', '2026-07-0" + i + "T10:00:00Z', 1)");
        }
    }


    @Test
    void a_select_with_a_cte_a_join_and_a_window_function_runs() throws Exception {
        var response = post("""
                WITH xag AS (SELECT order_id, customer_id, total_minor, placed_at FROM orders WHERE currency = 'XAG')
                SELECT x.total_minor, sum(x.total_minor) OVER (PARTITION BY x.customer_id ORDER BY x.placed_at) AS running,
                       c.name
                FROM xag x LEFT JOIN customers c ON c.customer_id = x.customer_id
                ORDER BY x.placed_at""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var rows = JSON.readTree(response.body());
        assertThat(rows.findValuesAsText("running")).containsExactly("100", "300", "600");
    }

    @Test
    void writes_ddl_several_statements_and_server_functions_are_refused_before_they_run() throws Exception {
        var cases = Map.of(
                "DELETE FROM orders", "only a SELECT",
                "DROP TABLE orders", "only a SELECT",
                "SELECT 1; SELECT 2", "exactly one statement",
                "SELECT pg_sleep(10)", "pg_sleep",
                "SELECT pg_terminate_backend(1)", "pg_terminate_backend",
                "select set_config('search_path', 'x', false)", "set_config",
                "SELECT * FROM dead_letter", "permission denied",
                "SELEC oops", "not SQL");
        for (var c : cases.entrySet()) {
            var response = post(c.getKey());
            assertThat(response.statusCode()).as(c.getKey() + " -> " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(response.body()).as(c.getKey()).contains(c.getValue());
        }
        assertThat(count()).as("nothing was deleted or dropped").isEqualTo(3);
    }

    @Test
    void a_runaway_query_is_cancelled_at_the_timeout_with_a_clear_error() throws Exception {
        var response = post("SELECT count(*) FROM generate_series(1, 10000000000) AS n");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("longer than 1 s and was cancelled");
    }

    @Test
    void rows_beyond_the_cap_are_cut_and_the_answer_says_so() throws Exception {
        var response = post("SELECT n FROM generate_series(1, 500) AS n");

        assertThat(JSON.readTree(response.body())).hasSize(50);
        assertThat(response.headers().firstValue("Tributary-Truncated")).hasValue("true");
    }

    @Test
    void plain_sql_is_for_analysts() throws Exception {
        var response = query.send(query.request("/sql", query.token("reader")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sql\":\"SELECT 1\"}")));
        assertThat(response.statusCode()).isEqualTo(403);
    }

    private static long count() throws Exception {
        var response = post("SELECT count(*) AS n FROM orders WHERE currency = 'XAG'");
        return JSON.readTree(response.body()).get(0).get("n").asLong();
    }

    private static HttpResponse<String> post(String sql) throws Exception {
        return query.send(query.request("/sql", query.token("analyst")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("sql", sql)))));
    }
}
