package dev.tributary.bench.soak;

import dev.tributary.domains.shop.events.Shop;

import dev.tributary.events.AggregateId;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerRegistered;
import dev.tributary.eventstore.EventItems;
import dev.tributary.events.StoredEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The client nobody on the team wrote, beside the careful ones. It sends commands that are wrong by
 * construction (text with control characters or lone surrogates, values of the wrong JSON type,
 * unknown fields, trailing data, no JSON content type), which must all get a 4xx problem; heavy
 * analyst SQL, which must never get a 5xx but a 503 while Postgres is away; and it writes poison items straight into the events
 * table, which the projector must park and count while everything else flows.
 */
final class HostileClient {

    private static final List<String> HEAVY_SQL = List.of(
            "SELECT repeat(md5(n::text), 31250) FROM generate_series(1, 10000) n",
            "SELECT repeat('x', 500000000)",
            "SELECT a.n, b.n FROM generate_series(1, 3000) a, generate_series(1, 3000) b",
            "SELECT string_agg(md5(n::text), ',') FROM generate_series(1, 2000000) n",
            "SELECT max(placed_at) - min(placed_at), now() AT TIME ZONE 'Europe/Berlin' FROM orders",
            "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Function<String, URI> command;
    private final Function<String, URI> query;
    private final String writerToken;
    private final String analystToken;
    private final Answers answers;
    /** The aggregates of the poison items written, as the projector parks them. */
    final Set<String> poisoned = ConcurrentHashMap.newKeySet();
    final AtomicInteger junk = new AtomicInteger();
    final AtomicInteger analystQueries = new AtomicInteger();

    HostileClient(Function<String, URI> command, Function<String, URI> query, String writerToken, String analystToken, Answers answers) {
        this.command = command;
        this.query = query;
        this.writerToken = writerToken;
        this.analystToken = analystToken;
        this.answers = answers;
    }

    /** Writes poison items past the command service: each a new aggregate the projector can only park. */
    void poison(DynamoDbClient dynamo, String table) {
        var kinds = List.of("nul\u0000in a name", "a lone \ud800 surrogate", "a number for a name");
        for (String kind : kinds) {
            var id = UUID.randomUUID();
            var event = new StoredEvent(Shop.customer(id), 1, UUID.randomUUID(), Instant.now(), UUID.randomUUID(),
                    new CustomerRegistered(id, kind.startsWith("a number") ? "Poison" : kind, "poison@example.com"));
            Map<String, AttributeValue> item = new HashMap<>(EventItems.toItem(event));
            if (kind.startsWith("a number")) {
                // A well-formed item of an unknown type would wait for an upgrade, not be parked: this one is malformed.
                var data = new HashMap<>(item.get(EventItems.DATA).m());
                data.put("name", AttributeValue.fromN("42"));
                item.put(EventItems.DATA, AttributeValue.fromM(data));
            }
            dynamo.putItem(p -> p.tableName(table).item(item));
            poisoned.add(event.aggregateId().pk());
        }
    }

    void run(Random random, BooleanSupplier done) throws InterruptedException {
        while (!done.getAsBoolean()) {
            try {
                if (random.nextInt(4) == 0) {
                    analystQuery(random);
                } else {
                    junkCommand(random);
                }
            } catch (java.io.IOException unreachable) {
                // a fault is in progress (the query service restarting, say); the careful clients judge outages
            }
            Thread.sleep(20 + random.nextInt(60));
        }
    }

    private void junkCommand(Random random) throws java.io.IOException, InterruptedException {
        UUID customer = pick(random, answers.customerIds());
        UUID product = pick(random, answers.productIds());
        UUID account = pick(random, answers.accountIds());
        String path = switch (random.nextInt(7)) {
            case 0 -> "/customers";
            case 1 -> "/customers/" + customer + "/rename";
            case 2 -> "/products";
            case 3 -> "/products/" + product + "/restock";
            case 4 -> "/accounts";
            case 5 -> "/accounts/" + account + "/transfer";
            default -> "/orders";
        };
        String body = switch (random.nextInt(8)) {
            case 0 -> "{\"name\":\"" + hostileText(random) + "\",\"email\":\"h@example.com\"}";
            case 1 -> "{\"quantity\":" + List.of("true", "\"5\"", "1.5", "[1]", "{}").get(random.nextInt(5)) + "}";
            case 2 -> "{\"sku\":\"H-1\",\"name\":\"H\",\"price\":{\"minor\":\"100\",\"currency\":\"EUR\"}}";
            case 3 -> "{\"name\":\"H\",\"email\":\"h@example.com\",\"isAdmin\":true}";
            case 4 -> "{\"name\":\"H\",\"email\":\"h@example.com\"} trailing";
            case 5 -> "{\"name\":\"H\",\"name\":\"I\",\"email\":\"h@example.com\"}";
            case 6 -> "{\"to\":\"" + account + "\",\"minor\":" + List.of("1.5", "0", "-5", "1e13", "true").get(random.nextInt(5)) + "}";
            default -> "{\"customerId\":\"" + customer + "\",\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":"
                    + (random.nextBoolean() ? "\"1\"" : "0.5") + "}]}";
        };
        var request = HttpRequest.newBuilder(command.apply(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + writerToken)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (random.nextInt(10) > 0) {
            request.header("Content-Type", "application/json");
        }
        var answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        junk.incrementAndGet();
        if (answer.statusCode() < 400 || answer.statusCode() >= 500
                || !answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            answers.violations.add("a hostile command to " + path + " got " + answer.statusCode() + ", not a 4xx problem: " + body);
        }
    }

    private void analystQuery(Random random) throws java.io.IOException, InterruptedException {
        String sql = HEAVY_SQL.get(random.nextInt(HEAVY_SQL.size()));
        var answer = http.send(HttpRequest.newBuilder(query.apply("/sql")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + analystToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sql\":\"" + sql + "\"}")).build(),
                HttpResponse.BodyHandlers.discarding());
        analystQueries.incrementAndGet();
        if (answer.statusCode() >= 500 && answer.statusCode() != 503) {
            answers.violations.add("a heavy analyst query got " + answer.statusCode() + ": " + sql);
        }
    }

    private static String hostileText(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "nul\\u0000byte";
            case 1 -> "bad \\ud800 surrogate";
            case 2 -> "esc\\u001b[31m";
            default -> "bell\\u0007";
        };
    }

    private static UUID pick(Random random, List<UUID> ids) {
        return ids.isEmpty() ? UUID.randomUUID() : ids.get(random.nextInt(ids.size()));
    }
}
