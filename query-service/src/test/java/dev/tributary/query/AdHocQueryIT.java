package dev.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /query over orders in the currency XAU, which no other test uses. */
class AdHocQueryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static QueryFixture query;

    @BeforeAll
    static void start() throws Exception {
        query = QueryFixture.shared();
        order("paid", 1000, "2026-05-01T10:00:00Z");
        order("paid", 3000, "2026-05-02T10:00:00Z");
        order("cancelled", 500, "2026-05-03T10:00:00Z");
        order("shipped", 200, "2026-06-01T10:00:00Z");
    }


    @Test
    void a_grouped_query_with_filters_and_aggregates_answers_rows() throws Exception {
        var rows = JSON.readTree(post("""
                {"table":"orders","fields":["status"],"groupBy":["status"],
                 "filters":[{"field":"currency","op":"=","value":"XAU"},
                            {"field":"placed_at","op":"between","value":["2026-05-01T00:00:00Z","2026-05-31T00:00:00Z"]},
                            {"field":"status","op":"in","value":["paid","cancelled"]}],
                 "aggregates":[{"fn":"count","field":"*","as":"orders"},{"fn":"sum","field":"total_minor","as":"revenue"},
                               {"fn":"avg","field":"total_minor"}],
                 "orderBy":[{"field":"revenue","dir":"desc"}],"limit":10}""").body());

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("status").asText()).isEqualTo("paid");
        assertThat(rows.get(0).get("orders").asLong()).isEqualTo(2);
        assertThat(rows.get(0).get("revenue").asLong()).isEqualTo(4000);
        assertThat(rows.get(0).get("avg_total_minor").asDouble()).isEqualTo(2000.0);
        assertThat(rows.get(1).get("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void values_are_bound_never_spliced_into_the_sql() throws Exception {
        var response = post("""
                {"table":"orders","filters":[{"field":"status","op":"=","value":"paid' OR '1'='1"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEmpty();
    }

    @Test
    void a_query_answers_csv_when_asked_for() throws Exception {
        var response = query.send(query.request("/query", query.token("analyst")).header("Content-Type", "application/json")
                .header("Accept", "text/csv").POST(HttpRequest.BodyPublishers.ofString("""
                        {"table":"orders","fields":["total_minor"],"filters":[{"field":"currency","op":"=","value":"XAU"},
                         {"field":"status","op":"=","value":"shipped"}]}""")));

        assertThat(response.body()).isEqualTo("total_minor\r\n200\r\n");
    }

    @Test
    void anything_outside_the_allow_list_or_of_the_wrong_type_is_a_400_naming_the_problem() throws Exception {
        var cases = Map.of(
                "{\"table\":\"pg_user\"}", "unknown table pg_user",
                "{\"table\":\"dead_letter\"}", "unknown table dead_letter",
                "{\"table\":\"orders; DROP TABLE orders\"}", "unknown table",
                "{\"table\":\"orders\",\"fields\":[\"password\"]}", "unknown column password",
                "{\"table\":\"orders\",\"filters\":[{\"field\":\"total_minor\",\"op\":\">\",\"value\":\"lots\"}]}", "not a valid",
                "{\"table\":\"orders\",\"filters\":[{\"field\":\"placed_at\",\"op\":\"between\",\"value\":[\"2026-01-01T00:00:00Z\"]}]}", "needs a list of 2",
                "{\"table\":\"orders\",\"aggregates\":[{\"fn\":\"sum\",\"field\":\"status\"}]}", "needs a numeric column",
                "{\"table\":\"orders\",\"fields\":[\"currency\"],\"groupBy\":[\"status\"]}", "must be in groupBy",
                "{\"table\":\"orders\",\"limit\":5000}", "limit",
                "{\"table\":\"orders\",\"filters\":[{\"field\":\"status\",\"op\":\"~\",\"value\":\"x\"}]}", "op");
        for (var c : cases.entrySet()) {
            var response = post(c.getKey());
            assertThat(response.statusCode()).as(c.getKey() + " -> " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(response.body()).as(c.getKey()).contains(c.getValue());
        }
    }

    @Test
    void ad_hoc_queries_are_for_analysts() throws Exception {
        var response = query.send(query.request("/query", query.token("reader")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"table\":\"orders\"}")));
        assertThat(response.statusCode()).isEqualTo(403);
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return query.send(query.request("/query", query.token("analyst")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static void order(String status, long total, String placedAt) throws Exception {
        QueryFixture.execute("INSERT INTO orders (order_id, customer_id, status, total_minor, currency, placed_at, updated_at, version) "
                + "VALUES ('" + UUID.randomUUID() + "', '" + UUID.randomUUID() + "', '" + status + "', " + total + ", 'XAU', '"
                + placedAt + "', '" + placedAt + "', 1)");
    }

}
