package dev.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Ad-hoc queries nobody listed: whatever table, fields, filters, values, grouping, aggregates, order
 * and limit an analyst sends, as JSON of any shape, {@code POST /query} answers rows (200) or a 4xx
 * problem that says what is wrong; never a 5xx. And the app reads after it still answer.
 */
class AdHocQueryPropertiesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static QueryFixture query;

    @BeforeContainer
    static void start() {
        query = QueryFixture.shared();
    }

    @Property(tries = 250)
    @net.jqwik.api.statistics.StatisticsReport(net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode.OFF)
    void any_ad_hoc_query_gets_rows_or_a_4xx_problem_never_a_5xx(@ForAll("queries") String body) throws Exception {
        var response = query.send(query.request("/query", query.token("analyst")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        net.jqwik.api.statistics.Statistics.collect(response.statusCode());
        assertThat(response.statusCode()).as("%s -> %s", body, response.body()).isIn(200, 400, 422, 429);
        if (response.statusCode() == 200) {
            assertThat(JSON.readTree(response.body()).isArray()).as(body).isTrue();
        } else {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
        assertThat(query.get("/products?limit=1").statusCode()).isEqualTo(200);
        net.jqwik.api.statistics.Statistics.coverage(coverage -> {
            coverage.check(200).percentage(p -> p > 10);
            coverage.check(400).percentage(p -> p > 10);
        });
    }

    @Provide
    Arbitrary<String> queries() {
        return Arbitraries.oneOf(sensible(), anything());
    }

    /** Queries an analyst would write, over real columns and values of their types; most answer rows. */
    private Arbitrary<String> sensible() {
        Arbitrary<String> field = Arbitraries.of("status", "currency", "total_minor", "placed_at", "customer_id").map(JsonText::quote);
        Arbitrary<String> filter = Arbitraries.of(
                "{\"field\":\"status\",\"op\":\"in\",\"value\":[\"paid\",\"placed\"]}",
                "{\"field\":\"total_minor\",\"op\":\">=\",\"value\":100}",
                "{\"field\":\"placed_at\",\"op\":\"between\",\"value\":[\"2026-01-01T00:00:00Z\",\"2027-01-01T00:00:00Z\"]}",
                "{\"field\":\"currency\",\"op\":\"like\",\"value\":\"X%\"}",
                "{\"field\":\"customer_id\",\"op\":\"is not null\"}");
        return Combinators.combine(field.list().ofMinSize(1).ofMaxSize(3).uniqueElements(), filter.list().ofMaxSize(2),
                        Arbitraries.integers().between(1, 100))
                .as((fields, filters, limit) -> "{\"table\":\"orders\",\"fields\":" + list(fields) + ",\"filters\":" + list(filters)
                        + ",\"limit\":" + limit + "}");
    }

    /** Any shape at all: wrong types, unknown tables and columns, hostile text, absurd limits. */
    private Arbitrary<String> anything() {
        Arbitrary<String> table = Arbitraries.oneOf(
                Arbitraries.of("orders", "customers", "products", "order_lines", "daily_sales", "dead_letter", "pg_roles", "")
                        .map(JsonText::quote),
                values());
        Arbitrary<String> column = Arbitraries.oneOf(
                Arbitraries.of("status", "total_minor", "placed_at", "currency", "customer_id", "name", "*", "x; DROP TABLE orders", "sku")
                        .map(JsonText::quote),
                values());
        Arbitrary<String> op = Arbitraries.oneOf(
                Arbitraries.of("=", "<>", "<", ">=", "in", "between", "like", "is null", "is not null", "~", "").map(JsonText::quote),
                values());
        Arbitrary<String> filter = Combinators.combine(column, op, values()).as((f, o, v) -> "{\"field\":" + f + ",\"op\":" + o + ",\"value\":" + v + "}");
        Arbitrary<String> aggregate = Combinators.combine(Arbitraries.of("count", "sum", "avg", "min", "max", "median").map(JsonText::quote), column)
                .as((fn, f) -> "{\"fn\":" + fn + ",\"field\":" + f + "}");
        Arbitrary<String> limit = Arbitraries.oneOf(Arbitraries.integers().between(-5, 2000).map(String::valueOf), values());
        return Combinators.combine(table, column.list().ofMaxSize(3), filter.list().ofMaxSize(3), column.list().ofMaxSize(2),
                        aggregate.list().ofMaxSize(2), limit)
                .as((t, fields, filters, groupBy, aggregates, l) -> "{\"table\":" + t + ",\"fields\":" + list(fields)
                        + ",\"filters\":" + list(filters) + ",\"groupBy\":" + list(groupBy) + ",\"aggregates\":" + list(aggregates)
                        + ",\"limit\":" + l + "}");
    }

    private static Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(10).map(JsonText::quote),
                Arbitraries.of("true", "null", "1.5", "-1", "1e400", "[]", "[\"paid\",\"placed\"]", "[1,2]", "{}",
                        "\"2026-05-01T00:00:00Z\"", "\"not a time\"", "[\"2026-05-01T00:00:00Z\",\"2026-06-01T00:00:00Z\"]"),
                Arbitraries.longs().map(String::valueOf));
    }

    private static String list(List<String> items) {
        return "[" + String.join(",", items) + "]";
    }

    /** JSON string literals for any Java string, lone surrogates and control characters escaped. */
    private static final class JsonText {
        static String quote(String text) {
            var out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }
    }
}
