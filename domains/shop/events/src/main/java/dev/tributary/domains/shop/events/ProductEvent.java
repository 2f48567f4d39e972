package dev.tributary.domains.shop.events;

import dev.tributary.events.AggregateId;
import dev.tributary.events.DomainEvent;
import dev.tributary.events.EventName;
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

    /**
     * A product joined the catalog, with no stock, in a category. Always version 1 of its aggregate.
     * Schema 2; schema 1 had no category and reads as {@value Shop#UNCATEGORIZED} ({@link Shop#upcasters()}).
     */
    @EventName("ProductAdded")
    record ProductAdded(UUID productId, String sku, String name, Money price, String category) implements ProductEvent {
    }

    /** The product moved to another category. */
    @EventName("ProductCategoryChanged")
    record ProductCategoryChanged(UUID productId, String category) implements ProductEvent {
    }

    @EventName("ProductPriceChanged")
    record ProductPriceChanged(UUID productId, Money price) implements ProductEvent {
    }

    @EventName("ProductRestocked")
    record ProductRestocked(UUID productId, long quantity) implements ProductEvent {
    }

    /** Units promised to an order, written in the same transaction as the order's placement. */
    @EventName("StockReserved")
    record StockReserved(UUID productId, UUID orderId, long quantity) implements ProductEvent {
    }

    /** Units given back by a cancelled order. */
    @EventName("StockReleased")
    record StockReleased(UUID productId, UUID orderId, long quantity) implements ProductEvent {
    }

    /** No more orders or restocks. Final. */
    @EventName("ProductDiscontinued")
    record ProductDiscontinued(UUID productId) implements ProductEvent {
    }
}
