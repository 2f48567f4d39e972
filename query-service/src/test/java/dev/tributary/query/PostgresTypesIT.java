package dev.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every Postgres type answers in JSON and CSV, through {@code POST /sql}. */
class PostgresTypesIT {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final QueryFixture QUERY = QueryFixture.shared();

    @Property(tries = 120)
    void any_select_of_literals_casts_and_nulls_answers_json_that_parses_and_csv_of_the_right_width(@ForAll("selects") String sql)
            throws Exception {
        var json = QUERY.sql("types", "application/json", sql);
        assertThat(json.statusCode()).as(sql + " -> " + json.body()).isEqualTo(200);
        var rows = JSON.readTree(json.body());
        var csv = QUERY.sql("types", "text/csv", sql);
        assertThat(csv.statusCode()).as(sql + " -> " + csv.body()).isEqualTo(200);
        var lines = Csv.parse(csv.body());
        int width = lines.getFirst().size();
        assertThat(lines).as(sql).allSatisfy(line -> assertThat(line).hasSize(width));
        assertThat(rows).as(sql).isNotEmpty().allSatisfy(row -> assertThat(row.size()).isEqualTo(width));
    }

    @Example
    void intervals_answer_as_iso_8601_durations() throws Exception {
        var row = row("SELECT interval '1 year 2 months 3 days 04:05:06.5' AS i, '2026-03-02 12:00Z'::timestamptz - '2026-03-01 10:00Z'::timestamptz AS span");

        assertThat(row.get("i").asText()).isEqualTo("P1Y2M3DT4H5M6.5S");
        assertThat(row.get("span").asText()).isEqualTo("P1DT2H");
    }

    @Example
    void json_and_jsonb_are_embedded_as_json_not_as_strings() throws Exception {
        var row = row("SELECT '{\"a\": [1, \"x\", null]}'::jsonb AS b, '[true, {\"k\": 2.50}]'::json AS j");

        assertThat(row.get("b").get("a").get(1).asText()).isEqualTo("x");
        assertThat(row.get("j").get(1).get("k").decimalValue()).isEqualByComparingTo(new BigDecimal("2.50"));
    }

    @Example
    void infinite_timestamps_and_dates_are_the_strings_infinity() throws Exception {
        var row = row("SELECT 'infinity'::timestamptz AS a, '-infinity'::timestamp AS b, 'infinity'::date AS c, '2026-03-01 10:00:00.5+01'::timestamptz AS d");

        assertThat(List.of(row.get("a").asText(), row.get("b").asText(), row.get("c").asText())).containsExactly("infinity", "-infinity", "infinity");
        assertThat(row.get("d").asText()).isEqualTo("2026-03-01T09:00:00.5Z");
    }

    @Example
    void numerics_are_exact() throws Exception {
        var response = QUERY.sql("types", "application/json",
                "SELECT 12345678901234567890.123456789012345678901::numeric AS n, 0.1::float8 AS f, 'NaN'::numeric AS nan, 9007199254740993::int8 AS big");

        assertThat(response.body()).contains("\"n\":12345678901234567890.123456789012345678901", "\"f\":0.1", "\"nan\":\"NaN\"",
                "\"big\":9007199254740993");
    }

    @Example
    void everything_else_is_postgres_own_text() throws Exception {
        var row = row("SELECT '<a>x</a>'::xml AS x, '10.0.0.1/8'::inet AS ip, point(1, 2) AS p, row(1, 'a b') AS r, "
                + "'\\x0102ff'::bytea AS b, ARRAY[1, 2] AS arr, int4range(1, 5) AS range, '1.5'::money AS m");

        assertThat(row.get("x").asText()).isEqualTo("<a>x</a>");
        assertThat(row.get("ip").asText()).isEqualTo("10.0.0.1/8");
        assertThat(row.get("p").asText()).isEqualTo("(1,2)");
        assertThat(row.get("r").asText()).isEqualTo("(1,\"a b\")");
        assertThat(row.get("b").asText()).isEqualTo("\\x0102ff");
        assertThat(row.get("arr").asText()).isEqualTo("{1,2}");
        assertThat(row.get("range").asText()).isEqualTo("[1,5)");
        assertThat(row.get("m").asText()).isEqualTo("$1.50");
    }

    private static JsonNode row(String sql) throws Exception {
        var response = QUERY.sql("types", "application/json", sql);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get(0);
    }

    @Provide
    Arbitrary<String> selects() {
        Arbitrary<String> expression = Arbitraries.lazyOf(PostgresTypesIT::scalar, () -> composite(scalar()));
        var from = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.integers().between(2, 5).map(n -> " FROM generate_series(1, " + n + ") AS n"));
        return Combinators.combine(expression.list().ofMinSize(1).ofMaxSize(5), from)
                .as((expressions, source) -> "SELECT " + String.join(", ", expressions) + source);
    }

    private static Arbitrary<String> composite(Arbitrary<String> scalar) {
        return Arbitraries.oneOf(
                Combinators.combine(scalar, scalar).as((a, b) -> "row(" + a + ", " + b + ")"),
                scalar.map(a -> "(" + a + ")::text"),
                scalar.map(a -> "coalesce(" + a + ", NULL)"),
                Arbitraries.integers().list().ofMaxSize(4).map(ints -> "ARRAY[" + String.join(", ", ints.stream().map(String::valueOf).toList()) + "]::int8[]"),
                text().list().ofMaxSize(3).map(texts -> "ARRAY[" + String.join(", ", texts) + "]::text[]"));
    }

    private static Arbitrary<String> scalar() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.shorts().map(s -> "(" + s + ")::int2"),
                Arbitraries.longs().map(l -> "(" + l + ")::int8"),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e30"), new BigDecimal("1e30")).ofScale(8).map(d -> "'" + d.toPlainString() + "'::numeric"),
                Arbitraries.doubles().map(d -> "'" + d + "'::float8"),
                Arbitraries.of("'NaN'::float8", "'Infinity'::float4", "'-Infinity'::float8", "'NaN'::numeric", "'Infinity'::numeric"),
                Arbitraries.of("TRUE", "FALSE"),
                text(),
                dates().map(d -> "DATE '" + d + "'"),
                dates().map(d -> "'" + d + " 13:14:15.123456+05:30'::timestamptz"),
                dates().map(d -> "'" + d + " 01:02:03'::timestamp"),
                Arbitraries.of("'infinity'", "'-infinity'").flatMap(i -> Arbitraries.of("date", "timestamp", "timestamptz").map(t -> i + "::" + t)),
                Arbitraries.of("'23:59:59.999'::time", "'10:11:12+02'::timetz", "'0044-03-15 BC'::date"),
                Combinators.combine(Arbitraries.integers().between(-100, 100), Arbitraries.integers().between(-1000, 1000),
                        Arbitraries.integers().between(-100000, 100000)).as((y, d, s) -> "make_interval(years => " + y + ", days => " + d + ", secs => " + s + ")"),
                Combinators.combine(Arbitraries.integers(), text()).as((n, s) -> "jsonb_build_object('n', " + n + ", 's', " + s + ", 'a', ARRAY[1, NULL])"),
                text().map(s -> "to_json(" + s + "::text)"),
                Arbitraries.strings().alpha().ofMaxLength(8).map(s -> "'<a b=\"1\">" + s + "</a>'::xml"),
                Arbitraries.integers().between(0, 255).list().ofSize(4).map(o -> "'" + String.join(".", o.stream().map(String::valueOf).toList()) + "'::inet"),
                Arbitraries.of("'::1'::inet", "'10.0.0.0/8'::cidr", "'08:00:2b:01:02:03'::macaddr", "'0/16B3748'::pg_lsn",
                        "'((0,0),(1,1))'::box", "circle(point(0, 0), 2)", "'[(0,0),(1,1),(2,0)]'::path", "'((0,0),(1,1),(2,0))'::polygon",
                        "'{1,2,3}'::line", "'[(0,0),(1,1)]'::lseg", "B'1010'", "'101'::varbit", "'empty'::int4range",
                        "numrange(1.5, 2.5)", "tstzrange('2026-01-01', 'infinity')", "daterange('2026-01-01', NULL)", "ARRAY[[1,2],[3,4]]",
                        "to_tsvector('simple', 'a quick fox')", "'a & b'::tsquery", "1::oid", "'orders'::regclass", "'abc'::char(5)",
                        "'n'::name", "12.34::money", "gen_random_uuid()", "'{\"k\": null}'::jsonb -> 'k'", "NULL"),
                Arbitraries.doubles().between(-1e6, 1e6).list().ofSize(2).map(p -> "point(" + p.get(0) + ", " + p.get(1) + ")"),
                Arbitraries.bytes().list().ofMaxSize(16).map(b -> {
                    byte[] bytes = new byte[b.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = b.get(i);
                    }
                    return "'\\x" + HexFormat.of().formatHex(bytes) + "'::bytea";
                }),
                Arbitraries.of("int2", "int4", "int8", "numeric", "float8", "bool", "text", "date", "timestamptz", "interval", "jsonb",
                        "json", "xml", "inet", "point", "uuid", "bytea", "money", "int4range", "text[]", "record").map(t -> "NULL::" + t));
    }

    private static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00A0', '\uD7FF').ofMaxLength(12).map(s -> "'" + s.replace("'", "''") + "'");
    }

    private static Arbitrary<LocalDate> dates() {
        return Arbitraries.integers().between(1, 9999 * 365).map(d -> LocalDate.of(1, 1, 1).plusDays(d));
    }
}
