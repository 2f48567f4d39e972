package dev.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.embedded.LocalPostgres;
import dev.tributary.embedded.SharedLocalInfra;
import dev.tributary.readmodel.ReadModelSchema;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CustomerReadsIT {

    private static EmbeddedServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        var postgres = SharedLocalInfra.postgres();
        ReadModelSchema.migrate(postgres.jdbcUrl(), LocalPostgres.USER, "");
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "datasources.default.url", postgres.jdbcUrl()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_projected_customer_is_served_as_json() throws Exception {
        var id = UUID.randomUUID();
        try (var c = DriverManager.getConnection(SharedLocalInfra.postgres().jdbcUrl(), LocalPostgres.USER, "")) {
            c.createStatement().execute("INSERT INTO customers (customer_id, name, email, registered_at, updated_at, version) "
                    + "VALUES ('" + id + "', 'Barbara Liskov', 'barbara@example.com', '2026-11-21T10:00:00Z', '2026-11-21T10:00:00Z', 1)");
        }

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

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
