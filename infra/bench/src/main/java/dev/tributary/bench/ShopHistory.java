package dev.tributary.bench;

import dev.tributary.eventstore.EventItems;
import dev.tributary.domains.shop.events.OrderEvent.OrderPlaced;
import dev.tributary.events.StoredEvent;
import dev.tributary.local.EventHistories;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A busy shop's history in an events table: about 2,740 orders a day (a million a year), ending
 * about now, with a customer for every 10 orders and a product for every 200. The same orders for
 * the same count, only shifted in time. Generated and written {@value #CHUNK} orders at a time,
 * never held whole in memory, by {@value #WRITERS} writer threads doing BatchWriteItem.
 */
final class ShopHistory {

    private static final Duration MILLION_ORDERS_SPAN = Duration.ofDays(365);
    private static final double EVENTS_PER_ORDER = 4.8;
    private static final int CHUNK = 5_000;
    private static final int WRITERS = 4;

    /**
     * @param orders      orders placed
     * @param events      events written, the catalog's included
     * @param lastOrderAt when the newest order was placed
     */
    record Written(int orders, long events, Instant lastOrderAt) {
    }

    private ShopHistory() {
    }

    /** An events table with the event store's keys (pk S, sk N, on demand) and no stream: nothing consumes one here. */
    static void createTable(DynamoDbClient dynamo, String table) {
        dynamo.createTable(t -> t.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName(EventItems.PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(EventItems.SK).keyType(KeyType.RANGE).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(EventItems.PK).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(EventItems.SK).attributeType(ScalarAttributeType.N).build()));
        dynamo.waiter().waitUntilTableExists(r -> r.tableName(table));
    }

    static Written write(DynamoDbClient dynamo, String table, int orders) throws Exception {
        int customers = Math.max(100, orders / 10);
        int products = Math.max(50, orders / 200);
        Duration span = MILLION_ORDERS_SPAN.multipliedBy(orders).dividedBy(1_000_000);
        double expectedEvents = customers + 2.0 * products + EVENTS_PER_ORDER * orders;
        var histories = new EventHistories(orders, Instant.now().minus(span).truncatedTo(ChronoUnit.SECONDS),
                Duration.ofMillis(Math.max(1, Math.round(span.toMillis() / expectedEvents))));
        var writers = new ThreadPoolExecutor(WRITERS, WRITERS, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WRITERS),
                Thread.ofPlatform().name("history-writer-", 0).factory(), new ThreadPoolExecutor.CallerRunsPolicy());
        var written = new ArrayList<Future<?>>();
        long events = 0;
        Instant lastOrderAt = Instant.EPOCH;
        long started = System.nanoTime();
        long reported = started;
        try {
            var catalog = histories.catalog(customers, products);
            written.add(writers.submit(() -> EventHistories.write(dynamo, table, catalog)));
            events += catalog.size();
            for (int placed = 0; placed < orders; placed += CHUNK) {
                int count = Math.min(CHUNK, orders - placed);
                List<StoredEvent> chunk = histories.orders(count);
                for (var event : chunk) {
                    if (event.data() instanceof OrderPlaced) {
                        lastOrderAt = event.occurredAt();
                    }
                }
                events += chunk.size();
                written.add(writers.submit(() -> EventHistories.write(dynamo, table, chunk)));
                if (System.nanoTime() - reported > 5_000_000_000L) {
                    reported = System.nanoTime();
                    System.out.printf(Locale.ROOT, "  history: %,d of %,d orders handed to the writers, %,.0f events/s%n",
                            placed + count, orders, events / ((reported - started) / 1e9));
                }
            }
            for (var chunk : written) {
                chunk.get();
            }
        } finally {
            writers.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "  history: %,d orders, %,d events written in %.0f s (%,.0f events/s)%n",
                orders, events, seconds, events / seconds);
        return new Written(orders, events, lastOrderAt);
    }
}
