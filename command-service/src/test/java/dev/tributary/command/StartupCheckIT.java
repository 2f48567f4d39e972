package dev.tributary.command;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.embedded.DevTokens;
import dev.tributary.embedded.SharedLocalInfra;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupCheckIT {

    @Test
    void the_command_service_refuses_to_start_without_its_events_table_and_says_which() {
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");

        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "tributary.auth.jwt-secret", DevTokens.newSecret(),
                "tributary.dynamodb.endpoint", SharedLocalInfra.dynamo().endpoint().toString(),
                "tributary.dynamodb.events-table", "no-such-events-table")))
                .hasStackTraceContaining("the events table 'no-such-events-table' does not exist")
                .hasStackTraceContaining("TRIBUTARY_DYNAMODB_EVENTS_TABLE");
    }
}
