package dev.tributary.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthIT {

    private static CommandServiceFixture service;
    private static final String BODY = "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}";

    @BeforeAll
    static void start() {
        service = new CommandServiceFixture();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void a_command_without_a_token_gets_401_and_writes_nothing() {
        int before = service.eventCount();
        var response = service.send(HttpRequest.newBuilder(service.uri("/customers"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(service.eventCount()).isEqualTo(before);
    }

    @Test
    void a_token_signed_with_another_secret_gets_401() {
        var forged = dev.tributary.embedded.DevTokens.token(dev.tributary.embedded.DevTokens.newSecret(), "mallory",
                java.util.List.of("admin"), java.time.Duration.ofHours(1));
        assertThat(service.post("/customers", BODY, Map.of("Authorization", "Bearer " + forged)).statusCode()).isEqualTo(401);
    }

    @Test
    void an_expired_token_gets_401() {
        var expired = dev.tributary.embedded.DevTokens.token(service.secret, "late", java.util.List.of("writer"),
                java.time.Duration.ofSeconds(-120));
        assertThat(service.post("/customers", BODY, Map.of("Authorization", "Bearer " + expired)).statusCode()).isEqualTo(401);
    }

    @Test
    void a_token_without_the_writer_or_admin_role_gets_403_and_writes_nothing() {
        int before = service.eventCount();
        var response = service.post("/customers", BODY, Map.of("Authorization", "Bearer " + service.token("reader", "analyst")));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(service.eventCount()).isEqualTo(before);
    }

    @Test
    void writers_and_admins_may_command() {
        assertThat(service.post("/customers", BODY).statusCode()).isEqualTo(201);
        assertThat(service.post("/customers", BODY, Map.of("Authorization", "Bearer " + service.token("admin")))
                .statusCode()).isEqualTo(201);
    }

    @Test
    void health_needs_no_token() {
        assertThat(service.send(HttpRequest.newBuilder(service.uri("/health")).build()).statusCode()).isEqualTo(200);
    }
}
