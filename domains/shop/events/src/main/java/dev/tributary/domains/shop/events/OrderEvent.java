package dev.tributary.domains.shop.events;

import dev.tributary.events.AggregateId;
import dev.tributary.events.DomainEvent;
import dev.tributary.events.EventName;
import dev.tributary.events.Money;

import java.util.List;
import java.util.UUID;

/** Events of the Order aggregate. */
public sealed interface OrderEvent extends DomainEvent {

    UUID orderId();

    @Override
    default AggregateId aggregateId() {
        return Shop.order(orderId());
    }

    /**
     * An order was placed and its stock reserved. Line prices are the products' prices at placement.
     * Always version 1 of its aggregate.
     */
    @EventName("OrderPlaced")
    record OrderPlaced(UUID orderId, UUID customerId, List<OrderLine> lines, Money total) implements OrderEvent {
        public OrderPlaced {
            lines = List.copyOf(lines);
        }
    }

    @EventName("OrderPaid")
    record OrderPaid(UUID orderId, Money amount) implements OrderEvent {
    }

    @EventName("OrderShipped")
    record OrderShipped(UUID orderId) implements OrderEvent {
    }

    @EventName("OrderDelivered")
    record OrderDelivered(UUID orderId) implements OrderEvent {
    }

    /** Cancelled before shipping; the reserved stock is released in the same transaction. */
    @EventName("OrderCancelled")
    record OrderCancelled(UUID orderId, String reason) implements OrderEvent {
    }

    /** One product in an order, at the unit price it had when the order was placed. */
    record OrderLine(UUID productId, long quantity, Money unitPrice) {
    }
}
