package dev.tributary.local;

import dev.tributary.domains.shop.events.Shop;

import dev.tributary.events.AggregateId;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerRegistered;
import dev.tributary.events.DomainEvent;
import dev.tributary.eventstore.EventItems;
import dev.tributary.events.Money;
import dev.tributary.domains.shop.events.OrderEvent.OrderCancelled;
import dev.tributary.domains.shop.events.OrderEvent.OrderDelivered;
import dev.tributary.domains.shop.events.OrderEvent.OrderLine;
import dev.tributary.domains.shop.events.OrderEvent.OrderPaid;
import dev.tributary.domains.shop.events.OrderEvent.OrderPlaced;
import dev.tributary.domains.shop.events.OrderEvent.OrderShipped;
import dev.tributary.domains.shop.events.ProductEvent.ProductAdded;
import dev.tributary.domains.shop.events.ProductEvent.ProductRestocked;
import dev.tributary.domains.shop.events.ProductEvent.StockReleased;
import dev.tributary.domains.shop.events.ProductEvent.StockReserved;
import dev.tributary.events.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Valid event histories of the order domain, as the command service would append them, for crash
 * tests and benchmarks of the projector: products restocked, customers registered, orders placed
 * (reserving stock on each product), then paid, shipped and delivered, or cancelled (releasing it).
 * Deterministic for a seed. Not thread-safe.
 */
public final class EventHistories {

    private final Random random;
    private final List<UUID> customers = new ArrayList<>();
    private final List<UUID> products = new ArrayList<>();
    private final Map<UUID, Long> productVersions = new HashMap<>();
    private final Map<UUID, Money> prices = new HashMap<>();
    private final int maxStepMillis;
    private Instant clock;

    /** Histories that start on 2026-11-01 at 08:00 UTC, 1 ms to 60 s between events. */
    public EventHistories(long seed) {
        this(seed, Instant.parse("2026-11-01T08:00:00Z"), Duration.ofMillis(30_000));
    }

    /**
     * @param start    when the first event happens (the first step after it)
     * @param meanStep the mean time between two events: each step is 1 ms to twice this, uniformly
     */
    public EventHistories(long seed, Instant start, Duration meanStep) {
        if (meanStep.toMillis() < 1 || meanStep.toMillis() > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("meanStep must be between 1 ms and about 12 days, was " + meanStep);
        }
        random = new Random(seed);
        clock = start;
        maxStepMillis = (int) (2 * meanStep.toMillis());
    }

    /** Registers customers and adds products with plenty of stock. */
    public List<StoredEvent> catalog(int customerCount, int productCount) {
        var events = new ArrayList<StoredEvent>();
        for (int i = 0; i < productCount; i++) {
            var id = new UUID(random.nextLong(), random.nextLong());
            var price = new Money(100 + random.nextInt(9900), "EUR");
            products.add(id);
            prices.put(id, price);
            events.add(event(Shop.product(id), 1, new ProductAdded(id, "SKU-" + i, "Product " + i, price, "uncategorized")));
            events.add(event(Shop.product(id), 2, new ProductRestocked(id, 1_000_000)));
            productVersions.put(id, 2L);
        }
        for (int i = 0; i < customerCount; i++) {
            var id = new UUID(random.nextLong(), random.nextLong());
            customers.add(id);
            events.add(event(Shop.customer(id), 1, new CustomerRegistered(id, "Customer " + i, "customer" + i + "@example.com")));
        }
        return events;
    }

    /** New orders of the catalog's customers, each taken through a random part of its life. */
    public List<StoredEvent> orders(int count) {
        var events = new ArrayList<StoredEvent>();
        for (int i = 0; i < count; i++) {
            var order = new UUID(random.nextLong(), random.nextLong());
            var aggregate = Shop.order(order);
            var lines = new ArrayList<OrderLine>();
            int lineCount = 1 + random.nextInt(3);
            for (int l = 0; l < lineCount; l++) {
                var product = products.get(random.nextInt(products.size()));
                lines.add(new OrderLine(product, 1 + random.nextInt(4), prices.get(product)));
            }
            var total = lines.stream().map(l -> l.unitPrice().times(l.quantity())).reduce(Money::plus).orElseThrow();
            var customer = customers.get(random.nextInt(customers.size()));
            events.add(event(aggregate, 1, new OrderPlaced(order, customer, lines, total)));
            for (var line : lines) {
                events.add(productEvent(line.productId(), new StockReserved(line.productId(), order, line.quantity())));
            }
            int fate = random.nextInt(10);
            if (fate < 2) {
                events.add(event(aggregate, 2, new OrderCancelled(order, "customer asked")));
                for (var line : lines) {
                    events.add(productEvent(line.productId(), new StockReleased(line.productId(), order, line.quantity())));
                }
            } else if (fate < 8) {
                events.add(event(aggregate, 2, new OrderPaid(order, total)));
                if (fate >= 4) {
                    events.add(event(aggregate, 3, new OrderShipped(order)));
                }
                if (fate >= 6) {
                    events.add(event(aggregate, 4, new OrderDelivered(order)));
                }
            }
        }
        return events;
    }

    /** Writes events to the events table, 25 to a request, as new items. */
    public static void write(DynamoDbClient dynamo, String table, List<StoredEvent> events) {
        for (int from = 0; from < events.size(); from += 25) {
            var requests = events.subList(from, Math.min(events.size(), from + 25)).stream()
                    .map(e -> WriteRequest.builder().putRequest(PutRequest.builder().item(EventItems.toItem(e)).build()).build())
                    .toList();
            Map<String, List<WriteRequest>> pending = Map.of(table, requests);
            while (!pending.isEmpty()) {
                var batch = pending;
                var unprocessed = dynamo.batchWriteItem(b -> b.requestItems(batch)).unprocessedItems();
                pending = unprocessed == null || unprocessed.isEmpty() ? Map.of() : unprocessed;
            }
        }
    }

    private StoredEvent productEvent(UUID product, DomainEvent data) {
        long version = productVersions.merge(product, 1L, Long::sum);
        return event(Shop.product(product), version, data);
    }

    private StoredEvent event(AggregateId aggregate, long version, DomainEvent data) {
        clock = clock.plusMillis(1 + random.nextInt(maxStepMillis));
        return new StoredEvent(aggregate, version, new UUID(random.nextLong(), random.nextLong()),
                clock.truncatedTo(ChronoUnit.MICROS), new UUID(random.nextLong(), random.nextLong()), data);
    }
}
