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
        var cases = Map.ofEntries(
                Map.entry("DELETE FROM orders", "only a SELECT"),
                Map.entry("DROP TABLE orders", "only a SELECT"),
                Map.entry("SELECT 1; SELECT 2", "exactly one statement"),
                Map.entry("SELECT pg_sleep(10)", "pg_sleep"),
                Map.entry("SELECT pg_terminate_backend(1)", "pg_terminate_backend"),
                Map.entry("select set_config('search_path', 'x', false)", "set_config"),
                Map.entry("SELECT * FROM dead_letter", "permission denied"),
                Map.entry("SELEC oops", "only a SELECT"),
                Map.entry("SELECT oops FROM", "syntax error"),
                Map.entry("WITH gone AS (DELETE FROM orders RETURNING *) SELECT * FROM gone", "DELETE"),
                Map.entry("SELECT 'unclosed", "not SQL"));
        for (var c : cases.entrySet()) {
            var response = post(c.getKey());
            assertThat(response.statusCode()).as(c.getKey() + " -> " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(response.body()).as(c.getKey()).contains(c.getValue());
        }
        assertThat(count()).as("nothing was deleted or dropped").isEqualTo(3);
    }

    @Test
    void server_functions_are_refused_however_they_are_quoted_qualified_or_commented() throws Exception {
        var cases = Map.of(
                "SELECT \"pg_sleep\"(1)", "pg_sleep",
                "SELECT pg_catalog.pg_sleep(1)", "pg_sleep",
                "SELECT PG_SLEEP /* a pause */ (1)", "pg_sleep",
                "SELECT * FROM ROWS FROM (pg_sleep(1))", "pg_sleep",
                "SELECT query_to_xml('SELECT 1', true, false, '')", "query_to_xml",
                "SELECT ts_stat('SELECT to_tsvector(''a'')')", "ts_stat",
                "SELECT U&\"\\0070g_sleep\"(1)", "U& escapes",
                "SELECT $$x$$ || nextval('s')", "nextval");
        for (var c : cases.entrySet()) {
            var response = post(c.getKey());
            assertThat(response.statusCode()).as(c.getKey() + " -> " + response.body()).isEqualTo(400);
            assertThat(response.body()).as(c.getKey()).contains(c.getValue());
        }
    }

    /** Counterexamples a review found: text the SQL check and Postgres read differently, hiding a call. */
    @Test
    void text_the_check_and_postgres_would_read_differently_is_refused() throws Exception {
        for (String sql : java.util.List.of(
                "SELECT 1 AS a --\r, set_config('role','none',true) AS r\n",
                "SELECT $\u00e9$'$\u00e9$ AS a, set_config('role','none',true) AS r --'",
                "SELECT 1 AS y\u20ac$a$, set_config('role','none',true) AS z, 3 AS w$a$",
                "SELECT 1\u2003, set_config('role','none',true)",
                "SELECT table_to_xml('orders', true, false, '')")) {
            var response = post(sql);
            assertThat(response.statusCode()).as(sql + " -> " + response.body()).isEqualTo(400);
        }
        assertThat(post("SELECT 'Zo\u00eb' AS name, \"\u00e9t\u00e9\".n FROM (SELECT 1 AS n) AS \"\u00e9t\u00e9\"").statusCode())
                .as("any text inside quotes").isEqualTo(200);
    }

    @Test
    void analyst_sql_runs_on_a_login_that_holds_only_the_readers_rights() throws Exception {
        var row = JSON.readTree(post("SELECT session_user AS login, current_user AS role").body()).get(0);

        assertThat(row.get("login").asText()).isEqualTo("tributary_analyst");
        assertThat(row.get("role").asText()).isEqualTo("tributary_reader");
    }

    @Test
    void pure_time_zone_functions_are_allowed() throws Exception {
        var response = post("SELECT placed_at AT TIME ZONE 'Europe/Berlin' AS berlin, timezone('America/New_York', placed_at) AS new_york, "
                + "date_trunc('day', placed_at, 'Asia/Tokyo') AS tokyo_day, make_interval(days => 1) AS one_day, extract(epoch FROM placed_at) AS epoch "
                + "FROM orders WHERE currency = 'XAG' ORDER BY placed_at LIMIT 1");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var row = JSON.readTree(response.body()).get(0);
        assertThat(row.get("berlin").asText()).isEqualTo("2026-07-01T12:00:00");
        assertThat(row.get("new_york").asText()).isEqualTo("2026-07-01T06:00:00");
        assertThat(row.get("tokyo_day").asText()).isEqualTo("2026-06-30T15:00:00Z");
        assertThat(row.get("one_day").asText()).isEqualTo("P1D");
    }

    @Test
    void an_analyst_reproduces_revenue_by_day_in_berlin_in_sql() throws Exception {
        var customer = UUID.randomUUID();
        String[][] orders = {{"placed", "1000", "2026-03-01T10:00:00Z"}, {"paid", "2000", "2026-03-01T23:30:00Z"},
                {"cancelled", "9000", "2026-03-02T09:00:00Z"}, {"delivered", "2500", "2026-03-02T12:00:00Z"},
                {"paid", "700", "2026-03-02T23:10:00Z"}};
        for (String[] o : orders) {
            QueryFixture.execute("INSERT INTO orders (order_id, customer_id, status, total_minor, currency, placed_at, updated_at, version) "
                    + "VALUES ('" + UUID.randomUUID() + "', '" + customer + "', '" + o[0] + "', " + o[1] + ", 'XPD', '" + o[2] + "', '" + o[2] + "', 1)");
        }

        var report = query.get("/reports/revenue?from=2026-03-01&to=2026-03-03&currency=XPD&tz=Europe/Berlin", query.token("analyst"));
        var sql = post("SELECT (date_trunc('day', placed_at, 'Europe/Berlin') AT TIME ZONE 'Europe/Berlin')::date AS day, count(*) AS orders, "
                + "coalesce(sum(total_minor) FILTER (WHERE status <> 'cancelled'), 0) AS revenue_minor, currency "
                + "FROM orders WHERE currency = 'XPD' "
                + "AND timezone('Europe/Berlin', placed_at) >= '2026-03-01' AND timezone('Europe/Berlin', placed_at) < '2026-03-03' "
                + "GROUP BY 1, currency ORDER BY 1");

        assertThat(sql.statusCode()).as(sql.body()).isEqualTo(200);
        assertThat(JSON.readTree(sql.body())).as(sql.body()).isEqualTo(JSON.readTree(report.body())).hasSize(2);
    }

    @Test
    void a_runaway_query_is_cancelled_at_the_timeout_with_a_clear_error() throws Exception {
        var response = post("SELECT count(*) FROM generate_series(1, 10000000000) AS n");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("longer than 1 s and was cancelled");
    }

    @Test
    void rows_beyond_the_cap_are_cut_and_the_answer_says_so_in_its_header_and_its_last_element() throws Exception {
        var response = post("SELECT n FROM generate_series(1, 500) AS n");

        var rows = JSON.readTree(response.body());
        assertThat(rows).hasSize(51);
        assertThat(rows.get(49).get("n").asInt()).isEqualTo(50);
        assertThat(rows.get(50).get("@truncated").asText()).contains("first 50 rows");
        assertThat(response.headers().firstValue("Tributary-Truncated")).hasValue("true");
    }

    @Test
    void an_answer_that_is_not_cut_has_no_marker_and_no_header() throws Exception {
        var response = post("SELECT n FROM generate_series(1, 50) AS n");

        assertThat(JSON.readTree(response.body())).hasSize(50);
        assertThat(response.headers().firstValue("Tributary-Truncated")).isEmpty();
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
