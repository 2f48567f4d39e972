package dev.tributary.domains.shop.events;

import dev.tributary.events.AggregateId;
import dev.tributary.events.AggregateType;
import dev.tributary.events.DomainEvent;
import dev.tributary.events.EventCatalog;
import java.util.List;
import java.util.UUID;

/** The shop's aggregates and events, registered in {@code META-INF/services/dev.tributary.events.EventCatalog}. */
public final class Shop implements EventCatalog {

    public static final AggregateType CUSTOMER = new AggregateType("Customer");
    public static final AggregateType PRODUCT = new AggregateType("Product");
    public static final AggregateType ORDER = new AggregateType("Order");

    public static AggregateId customer(UUID id) {
        return new AggregateId(CUSTOMER, id);
    }

    public static AggregateId product(UUID id) {
        return new AggregateId(PRODUCT, id);
    }

    public static AggregateId order(UUID id) {
        return new AggregateId(ORDER, id);
    }

    @Override
    public String domain() {
        return "shop";
    }

    @Override
    public List<AggregateType> aggregateTypes() {
        return List.of(CUSTOMER, PRODUCT, ORDER);
    }

    @Override
    public List<Class<? extends DomainEvent>> eventTypes() {
        return List.of(CustomerEvent.class, ProductEvent.class, OrderEvent.class);
    }
}
