package dev.tributary.bench;

import dev.tributary.embedded.DevTokens;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.util.Map;

/**
 * The projector's beans (projection, rebuild) in this JVM, over one database and one events table,
 * with the stream consumer off: for benchmarks that drive the projector's own code directly.
 */
final class InProcessProjector {

    private InProcessProjector() {
    }

    static ApplicationContext open(String jdbcUrl, URI dynamoEndpoint, String eventsTable) {
        return ApplicationContext.run(Map.of(
                "datasources.default.url", jdbcUrl,
                "tributary.dynamodb.endpoint", dynamoEndpoint.toString(),
                "tributary.dynamodb.events-table", eventsTable,
                "tributary.projector.enabled", "false",
                "tributary.auth.jwt-secret", DevTokens.newSecret()));
    }
}
