package dev.tributary.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.embedded.DevTokens;
import dev.tributary.embedded.SharedLocalInfra;
import dev.tributary.events.AggregateId;
import dev.tributary.eventstore.EventQueries;
import dev.tributary.eventstore.EventStoreTables;
import dev.tributary.domains.shop.events.ProductEvent.ProductRestocked;
import dev.tributary.domains.shop.events.ProductEvent.StockReleased;
import dev.tributary.domains.shop.events.ProductEvent.StockReserved;
import dev.tributary.events.StoredEvent;
import dev.tributary.eventstore.TableNames;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The command service running for real on a free port, against the module's shared DynamoDB Local,
 * with tables of its own so tests do not see each other's events. Requests carry a writer's token
 * unless a test says otherwise.
 */
public final class CommandServiceFixture implements AutoCloseable {

    public final TableNames tables;
    public final EmbeddedServer server;
    public final DynamoDbClient dynamo;
    public final String secret = DevTokens.newSecret();
    public final String writerToken = token("writer");
    private final HttpClient http = HttpClient.newBuilder().executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).build();

    public CommandServiceFixture() {
        this(Map.of());
    }

    /** With its own tables, and {@code properties} on top of (or instead of) the fixture's own. */
    public CommandServiceFixture(Map<String, Object> properties) {
        this(newTables(), properties);
    }

    /** On existing tables (created here if missing), so two services with different settings can share them. */
    public CommandServiceFixture(TableNames tables, Map<String, Object> properties) {
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        this.tables = tables;
        dynamo = SharedLocalInfra.dynamo().client();
        EventStoreTables.createIfMissing(dynamo, tables);
        var all = new HashMap<String, Object>(Map.of(
                "micronaut.server.port", -1,
                "tributary.auth.jwt-secret", secret,
                "tributary.dynamodb.endpoint", SharedLocalInfra.dynamo().endpoint().toString(),
                "tributary.dynamodb.events-table", tables.events(),
                "tributary.dynamodb.idempotency-table", tables.idempotency(),
                "tributary.dynamodb.snapshots-table", tables.snapshots()));
        // Generous waits: the tests prove what happens, not how fast, on a machine that may be busy. Tests of
        // the waits themselves set their own.
        all.putAll(Map.of(
                "tributary.command.conflict-retry-for", "60s",
                "tributary.command.idempotency-wait", "30s",
                "tributary.command.snapshot-read-timeout", "30s"));
        all.putAll(properties);
        server = ApplicationContext.run(EmbeddedServer.class, all);
    }

    public static TableNames newTables() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return new TableNames("events-" + suffix, "idempotency-" + suffix, "snapshots-" + suffix);
    }

    /** A bean of the running service. */
    public <T> T bean(Class<T> type) {
        return server.getApplicationContext().getBean(type);
    }

    public String token(String... roles) {
        return DevTokens.token(secret, "test-" + String.join("-", roles), List.of(roles), Duration.ofHours(1));
    }

    public HttpResponse<String> post(String path, String json) {
        return post(path, json, Map.of());
    }

    public HttpResponse<String> post(String path, String json, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + writerToken)
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(builder::setHeader);
        return send(builder.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    /** Registers a customer and returns its id. */
    public UUID customer() {
        return created(post("/customers", "{\"name\":\"Test Customer\",\"email\":\"customer@example.com\"}"));
    }

    /** Adds a product at 10.00 EUR with the given stock and returns its id. */
    public UUID product(long stock) {
        UUID id = created(post("/products", "{\"sku\":\"SKU-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"name\":\"Widget\",\"price\":{\"minor\":1000,\"currency\":\"EUR\"}}"));
        if (stock > 0) {
            ok(post("/products/" + id + "/restock", "{\"quantity\":" + stock + "}"));
        }
        return id;
    }

    public static UUID created(HttpResponse<String> response) {
        if (response.statusCode() != 201) {
            throw new AssertionError("expected 201, got " + response.statusCode() + ": " + response.body());
        }
        return UUID.fromString(field(response.body(), "id"));
    }

    public static void ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("expected 200, got " + response.statusCode() + ": " + response.body());
        }
    }

    public static String field(String json, String name) {
        var matcher = Pattern.compile("\"" + name + "\":\"?([^\",}]+)\"?").matcher(json);
        if (!matcher.find()) {
            throw new AssertionError(name + " not in " + json);
        }
        return matcher.group(1);
    }

    /** Runs {@code clients} calls at once, released together, and returns their results in order. */
    public static <T> List<T> race(int clients, java.util.function.IntFunction<T> call) {
        var start = new java.util.concurrent.CountDownLatch(1);
        var futures = new java.util.ArrayList<java.util.concurrent.Future<T>>();
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                int client = i;
                futures.add(executor.submit(() -> {
                    start.await();
                    return call.apply(client);
                }));
            }
            start.countDown();
        }
        return futures.stream().map(f -> {
            try {
                return f.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /**
     * Replays a product's available stock through its history and fails if it ever goes below zero,
     * that is, if anything was oversold. Returns the stock after the last event.
     */
    public static long stockNeverNegative(List<StoredEvent> history) {
        long available = 0;
        for (StoredEvent event : history) {
            available += switch (event.data()) {
                case ProductRestocked r -> r.quantity();
                case StockReserved r -> -r.quantity();
                case StockReleased r -> r.quantity();
                default -> 0;
            };
            assertThat(available).as("stock after version " + event.version()).isNotNegative();
        }
        return available;
    }

    public int eventCount() {
        return dynamo.scan(s -> s.tableName(tables.events()).select("COUNT").consistentRead(true)).count();
    }

    public int idempotencyCount() {
        return dynamo.scan(s -> s.tableName(tables.idempotency()).select("COUNT").consistentRead(true)).count();
    }

    /** Every event of one aggregate, by partition key, in version order. */
    public List<StoredEvent> events(String pk) {
        return EventQueries.all(dynamo, tables.events(), AggregateId.parse(pk));
    }

    @Override
    public void close() {
        server.close();
        dynamo.close();
    }
}
