package dev.tributary.bench.soak;

import dev.tributary.domains.shop.events.CustomerEvent;
import dev.tributary.eventstore.EventItems;
import dev.tributary.domains.shop.events.OrderEvent;
import dev.tributary.domains.shop.events.ProductEvent;
import dev.tributary.events.StoredEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The order domain folded straight from the events table, with none of the projector's code: the
 * independent account that the read model and the reports are checked against.
 */
final class EventFold {

    record Order(UUID customer, List<OrderEvent.OrderLine> lines, long totalMinor, Instant placedAt, String status) {
    }

    record Stock(long onHand, long reserved, long restocked) {
    }

    final Map<String, Long> versions = new TreeMap<>();
    final Map<UUID, Order> orders = new HashMap<>();
    final Map<UUID, Stock> products = new HashMap<>();
    final java.util.Set<UUID> customers = new java.util.HashSet<>();
    long events;
    /** Aggregates of items no reader can decode: the projector parks them, and the fold leaves them out. */
    final java.util.Set<String> undecodable = new java.util.TreeSet<>();

    static EventFold of(DynamoDbClient dynamo, String table) {
        var fold = new EventFold();
        dynamo.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().stream()
                .map(item -> {
                    try {
                        return EventItems.fromItem(item);
                    } catch (dev.tributary.eventstore.UndecodableEventException poison) {
                        fold.undecodable.add(dev.tributary.events.StorableText.sanitized(item.get(EventItems.PK).s()));
                        return null;
                    }
                })
                .filter(java.util.Objects::nonNull)
                .sorted(Comparator.comparing((StoredEvent e) -> e.aggregateId().pk()).thenComparingLong(StoredEvent::version))
                .forEach(fold::apply);
        return fold;
    }

    private void apply(StoredEvent event) {
        events++;
        versions.merge(event.aggregateId().pk(), event.version(), Math::max);
        switch (event.data()) {
            case CustomerEvent.CustomerRegistered registered -> customers.add(registered.customerId());
            case CustomerEvent customer -> { }
            case ProductEvent.ProductAdded added -> products.put(added.productId(), new Stock(0, 0, 0));
            case ProductEvent.ProductRestocked restocked -> products.computeIfPresent(restocked.productId(),
                    (id, s) -> new Stock(s.onHand() + restocked.quantity(), s.reserved(), s.restocked() + restocked.quantity()));
            case ProductEvent.StockReserved reserved -> products.computeIfPresent(reserved.productId(),
                    (id, s) -> new Stock(s.onHand(), s.reserved() + reserved.quantity(), s.restocked()));
            case ProductEvent.StockReleased released -> products.computeIfPresent(released.productId(),
                    (id, s) -> new Stock(s.onHand(), s.reserved() - released.quantity(), s.restocked()));
            case ProductEvent product -> { }
            case OrderEvent.OrderPlaced placed -> orders.put(placed.orderId(),
                    new Order(placed.customerId(), placed.lines(), placed.total().minor(), event.occurredAt(), "placed"));
            case OrderEvent.OrderPaid paid -> status(paid.orderId(), "paid");
            case OrderEvent.OrderShipped shipped -> {
                status(shipped.orderId(), "shipped");
                orders.get(shipped.orderId()).lines().forEach(line -> products.computeIfPresent(line.productId(),
                        (id, s) -> new Stock(s.onHand() - line.quantity(), s.reserved() - line.quantity(), s.restocked())));
            }
            case OrderEvent.OrderDelivered delivered -> status(delivered.orderId(), "delivered");
            case OrderEvent.OrderCancelled cancelled -> status(cancelled.orderId(), "cancelled");
            default -> { }
        }
    }

    private void status(UUID order, String status) {
        orders.computeIfPresent(order, (id, o) -> new Order(o.customer(), o.lines(), o.totalMinor(), o.placedAt(), status));
    }
}
