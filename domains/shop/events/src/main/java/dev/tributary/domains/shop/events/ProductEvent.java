package dev.tributary.domains.shop.events;

import dev.tributary.events.AggregateId;
import dev.tributary.events.DomainEvent;
import dev.tributary.events.Money;

import java.util.UUID;

/**
 * Events of the Product aggregate. Stock is tracked as what is available to promise: restocks add
 * to it, reservations by orders take from it, and cancelled orders give it back.
 */
public sealed interface ProductEvent extends DomainEvent {

    UUID productId();

    @Override
    default AggregateId aggregateId() {
        return Shop.product(productId());
    }

    /** A product joined the catalog, with no stock. Always version 1 of its aggregate. */
    record ProductAdded(UUID productId, String sku, String name, Money price) implements ProductEvent {
    }

    record ProductPriceChanged(UUID productId, Money price) implements ProductEvent {
    }

    record ProductRestocked(UUID productId, long quantity) implements ProductEvent {
    }

    /** Units promised to an order, written in the same transaction as the order's placement. */
    record StockReserved(UUID productId, UUID orderId, long quantity) implements ProductEvent {
    }

    /** Units given back by a cancelled order. */
    record StockReleased(UUID productId, UUID orderId, long quantity) implements ProductEvent {
    }

    /** No more orders or restocks. Final. */
    record ProductDiscontinued(UUID productId) implements ProductEvent {
    }
}
