package dev.tributary.command;

import dev.tributary.embedded.SharedLocalInfra;
import dev.tributary.events.EventStoreTables;
import dev.tributary.events.TableNames;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The command service running for real on a free port, against the module's shared DynamoDB Local,
 * with tables of its own so tests do not see each other's events.
 */
final class CommandServiceFixture implements AutoCloseable {

    final TableNames tables;
    final EmbeddedServer server;
    final DynamoDbClient dynamo;
    private final HttpClient http = HttpClient.newHttpClient();

    CommandServiceFixture() {
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        tables = new TableNames("events-" + suffix, "idempotency-" + suffix);
        dynamo = SharedLocalInfra.dynamo().client();
        EventStoreTables.createIfMissing(dynamo, tables);
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "tributary.dynamodb.endpoint", SharedLocalInfra.dynamo().endpoint().toString(),
                "tributary.dynamodb.events-table", tables.events(),
                "tributary.dynamodb.idempotency-table", tables.idempotency()));
    }

    HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> postJson(String path, String body) {
        return post(path, "application/json", body);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    int eventCount() {
        return dynamo.scan(s -> s.tableName(tables.events()).select("COUNT")).count();
    }

    @Override
    public void close() {
        server.close();
        dynamo.close();
    }
}
