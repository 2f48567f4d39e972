package dev.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated heavy SQL (repeat, md5, string_agg, generate_series, cross joins, many rows) against the real
 * database, with the fixture's 1 s timeout and {@value QueryFixture#ANSWER_BYTE_CAP}-byte cap.
 */
class HeavySqlIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MARGIN = 512;
    private static final QueryFixture QUERY = QueryFixture.shared();

    @Property(tries = 12)
    void heavy_sql_never_answers_5xx_nor_more_than_the_cap_and_the_service_keeps_answering(@ForAll("heavy") String sql,
                                                                                          @ForAll boolean csv) throws Exception {
        var response = QUERY.sql("heavy", csv ? "text/csv" : "application/json", sql);

        assertThat(response.statusCode()).as(sql + " -> " + response.body()).isIn(200, 400);
        assertThat(response.body().getBytes(StandardCharsets.UTF_8).length).as(sql).isLessThanOrEqualTo(QueryFixture.ANSWER_BYTE_CAP + MARGIN);
        if (response.statusCode() == 200 && !csv) {
            assertThat(JSON.readTree(response.body()).isArray()).isTrue();
        }
        assertThat(QUERY.get("/products?limit=1").statusCode()).isEqualTo(200);
        assertThat(QUERY.get("/health", null).statusCode()).isEqualTo(200);
        readYourWritesAnswers();
    }

    @Provide
    Arbitrary<String> heavy() {
        var size = Arbitraries.of(10, 1_000, 100_000, 3_000_000);
        var width = Arbitraries.of(1, 100, 10_000, 1_000_000);
        var perRow = Arbitraries.oneOf(
                width.map(w -> "repeat(md5(a::text), " + w + ")"),
                width.map(w -> "repeat('x', " + w + ")"),
                width.map(w -> "lpad('', " + w + ", md5(b::text))"),
                Arbitraries.just("md5(a::text) || md5(b::text)"),
                Arbitraries.just("a * b"));
        var aggregate = Arbitraries.oneOf(
                width.map(w -> "string_agg(repeat(md5(a::text), " + w + "), ',')"),
                Arbitraries.just("array_agg(a * b)"),
                Arbitraries.just("to_jsonb(array_agg(md5(a::text)))"),
                Arbitraries.just("count(*)"));
        var source = Combinators.combine(size, size).as((a, b) -> "generate_series(1, " + a + ") AS a CROSS JOIN generate_series(1, " + b + ") AS b");
        var rows = Combinators.combine(perRow.list().ofMinSize(1).ofMaxSize(3), source, Arbitraries.of("", " ORDER BY 1 DESC"))
                .as((columns, from, order) -> "SELECT " + String.join(", ", columns) + " FROM " + from + order);
        var groups = Combinators.combine(aggregate.list().ofMinSize(1).ofMaxSize(2), source, Arbitraries.of("", " GROUP BY a % 7"))
                .as((columns, from, group) -> "SELECT " + String.join(", ", columns) + " FROM " + from + group);
        return Arbitraries.oneOf(rows, groups);
    }

    private static void readYourWritesAnswers() throws Exception {
        var id = UUID.randomUUID();
        QueryFixture.execute("INSERT INTO customers (customer_id, name, email, registered_at, updated_at, version) "
                        + "VALUES ('" + id + "', 'Edsger Dijkstra', 'edsger@example.com', now(), now(), 1)",
                "INSERT INTO projection_position (aggregate, version) VALUES ('Customer#" + id + "', 1)",
                "SELECT pg_notify('projection_advanced', 'test')");
        var response = QUERY.send(QUERY.request("/customers/" + id, QUERY.token("reader")).header("Consistency-Token", "Customer#" + id + "@1"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
