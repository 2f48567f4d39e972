package dev.tributary.domains.shop.events;

import dev.tributary.events.AggregateId;
import dev.tributary.events.AggregateType;
import dev.tributary.events.DomainEvent;
import dev.tributary.events.EventCatalog;
import dev.tributary.events.Upcaster;
import java.util.List;
import java.util.UUID;

/** The shop's aggregates and events, registered in {@code META-INF/services/dev.tributary.events.EventCatalog}. */
public final class Shop implements EventCatalog {

    public static final AggregateType CUSTOMER = new AggregateType("Customer");
    public static final AggregateType PRODUCT = new AggregateType("Product");
    public static final AggregateType ORDER = new AggregateType("Order");

    /** The category of a product added before products had categories, and of one added without. */
    public static final String UNCATEGORIZED = "uncategorized";

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

    /** ProductAdded 1 to 2: products gained a category; the ones added before it have none. */
    @Override
    public List<Upcaster> upcasters() {
        return List.of(Upcaster.of("ProductAdded", 1, data -> {
            data.put("category", UNCATEGORIZED);
            return data;
        }));
    }
}
