package dev.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Caps on analysts' answers, with the test fixture's caps: 50 rows, {@value QueryFixture#ANSWER_BYTE_CAP}
 * bytes, {@value QueryFixture#VALUE_CHAR_CAP} characters a value.
 */
class AnswerCapsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MARGIN = 512;
    private static QueryFixture query;

    @BeforeAll
    static void start() {
        query = QueryFixture.shared();
    }

    @Test
    void a_value_of_50_mb_is_cut_to_the_value_cap_and_the_answer_says_so() throws Exception {
        var response = query.sql("caps", "application/json", "SELECT repeat('x', 50000000) AS big, 1 AS small");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var rows = JSON.readTree(response.body());
        assertThat(rows.get(0).get("big").asText()).hasSize(QueryFixture.VALUE_CHAR_CAP);
        assertThat(rows.get(0).get("small").asInt()).isEqualTo(1);
        assertThat(last(rows).get("@truncated").asText()).contains("values longer than " + QueryFixture.VALUE_CHAR_CAP);
        assertThat(response.headers().firstValue("Tributary-Truncated")).hasValue("true");
    }

    @Test
    void rows_of_a_megabyte_each_stop_at_the_byte_cap_in_json() throws Exception {
        var response = query.sql("caps", "application/json", "SELECT repeat(md5(n::text), 31250) AS a, repeat(md5(n::text), 31250) AS b FROM generate_series(1, 10000) n");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(QueryFixture.ANSWER_BYTE_CAP + MARGIN);
        var rows = JSON.readTree(response.body());
        assertThat(rows.size()).isGreaterThan(10);
        assertThat(last(rows).get("@truncated").asText()).contains("cap of " + QueryFixture.ANSWER_BYTE_CAP + " bytes");
    }

    @Test
    void rows_of_a_megabyte_each_stop_at_the_byte_cap_in_csv_with_a_last_line_that_says_so() throws Exception {
        var response = query.sql("caps", "text/csv", "SELECT n, repeat(md5(n::text), 31250) AS a, repeat(md5(n::text), 31250) AS b FROM generate_series(1, 10000) n");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(response.body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(QueryFixture.ANSWER_BYTE_CAP + MARGIN);
        var lines = response.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("n,a,b");
        assertThat(lines[lines.length - 1]).startsWith("# truncated: ").endsWith(",,");
    }

    @Test
    void an_ad_hoc_query_answers_within_the_same_caps() throws Exception {
        var response = query.send(query.request("/query", query.token("analyst")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"table\":\"orders\",\"limit\":1000}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(QueryFixture.ANSWER_BYTE_CAP + MARGIN);
        assertThat(JSON.readTree(response.body()).isArray()).isTrue();
    }

    private static JsonNode last(JsonNode rows) {
        return rows.get(rows.size() - 1);
    }
}
