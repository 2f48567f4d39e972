package dev.tributary.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenApiIT {

    private static CommandServiceFixture service;

    @BeforeAll
    static void start() {
        service = new CommandServiceFixture();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void the_spec_generated_from_the_controllers_is_served_without_a_token() {
        var spec = service.send(HttpRequest.newBuilder(service.uri("/swagger/tributary-command-service.yml")).build());

        assertThat(spec.statusCode()).isEqualTo(200);
        assertThat(spec.body()).contains("openapi: 3").contains("/orders/{id}/cancel").contains("/products/{id}/restock")
                .contains("CommandAccepted");
    }

    @Test
    void the_ui_page_is_served_without_a_token() {
        var page = service.send(HttpRequest.newBuilder(service.uri("/swagger-ui/index.html")).build());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
    }
}
