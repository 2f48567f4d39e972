package dev.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CustomerReadsIT {

    private static QueryFixture query;

    @BeforeAll
    static void start() {
        query = QueryFixture.shared();
    }


    @Test
    void a_projected_customer_is_served_as_json() throws Exception {
        var id = UUID.randomUUID();
        QueryFixture.execute("INSERT INTO customers (customer_id, name, email, registered_at, updated_at, version) "
                + "VALUES ('" + id + "', 'Barbara Liskov', 'barbara@example.com', '2026-11-21T10:00:00Z', '2026-11-21T10:00:00Z', 1)");

        var response = get("/customers/" + id);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"id\":\"" + id + "\"")
                .contains("\"name\":\"Barbara Liskov\"")
                .contains("\"email\":\"barbara@example.com\"")
                .contains("\"registeredAt\":\"2026-11-21T10:00:00Z\"")
                .contains("\"version\":1");
    }

    @Test
    void an_unknown_customer_is_a_404_problem() throws Exception {
        var response = get("/customers/" + UUID.randomUUID());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("not be projected yet");
    }

    @Test
    void an_id_that_is_not_a_uuid_is_a_400_problem() throws Exception {
        var response = get("/customers/not-a-uuid");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void reads_need_a_token_with_a_reading_role() throws Exception {
        assertThat(query.get("/customers/" + UUID.randomUUID(), null).statusCode()).isEqualTo(401);
        assertThat(query.get("/customers/" + UUID.randomUUID(), query.token("writer")).statusCode()).isEqualTo(403);
        assertThat(query.get("/customers/" + UUID.randomUUID(), query.token("analyst")).statusCode()).isEqualTo(404);
    }

    @Test
    void the_openapi_spec_and_its_ui_are_served_without_a_token() throws Exception {
        var spec = query.get("/swagger/tributary-query-service.yml", null);
        assertThat(spec.statusCode()).isEqualTo(200);
        assertThat(spec.body()).contains("/customers/{id}/orders", "/reports/revenue", "/query", "/sql");
        assertThat(query.get("/swagger-ui/index.html", null).body()).contains("swagger-ui");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return query.get(path);
    }
}
