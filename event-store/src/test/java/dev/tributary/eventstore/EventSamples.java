package dev.tributary.eventstore;

import dev.tributary.events.DomainEvent;
import dev.tributary.events.Money;

import dev.tributary.domains.shop.events.CustomerEvent.CustomerDeactivated;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerEmailChanged;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerRegistered;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerRenamed;
import dev.tributary.domains.shop.events.OrderEvent.OrderCancelled;
import dev.tributary.domains.shop.events.OrderEvent.OrderDelivered;
import dev.tributary.domains.shop.events.OrderEvent.OrderLine;
import dev.tributary.domains.shop.events.OrderEvent.OrderPaid;
import dev.tributary.domains.shop.events.OrderEvent.OrderPlaced;
import dev.tributary.domains.shop.events.OrderEvent.OrderShipped;
import dev.tributary.domains.shop.events.ProductEvent.ProductAdded;
import dev.tributary.domains.shop.events.ProductEvent.ProductCategoryChanged;
import dev.tributary.domains.shop.events.ProductEvent.ProductDiscontinued;
import dev.tributary.domains.shop.events.ProductEvent.ProductPriceChanged;
import dev.tributary.domains.shop.events.ProductEvent.ProductRestocked;
import dev.tributary.domains.shop.events.ProductEvent.StockReleased;
import dev.tributary.domains.shop.events.ProductEvent.StockReserved;
import java.util.List;
import java.util.UUID;

/** One example of every event type. */
final class EventSamples {

    static final UUID CUSTOMER = UUID.fromString("0b6c2a4e-5f0e-4c4b-9a57-3f1b2e6c9d10");
    static final UUID PRODUCT = UUID.fromString("1c7d3b5f-6a1f-4d5c-8b68-4a2c3f7d0e21");
    static final UUID ORDER = UUID.fromString("2d8e4c60-7b20-4e6d-9c79-5b3d408e1f32");
    static final Money PRICE = new Money(1999, "EUR");

    private EventSamples() {
    }

    static List<DomainEvent> all() {
        return List.of(
                new CustomerRegistered(CUSTOMER, "Ada Lovelace", "ada@example.com"),
                new CustomerRenamed(CUSTOMER, "Ada King"),
                new CustomerEmailChanged(CUSTOMER, "ada.king@example.com"),
                new CustomerDeactivated(CUSTOMER),
                new ProductAdded(PRODUCT, "SKU-1", "Analytical Engine", PRICE, "uncategorized"),
                new ProductCategoryChanged(PRODUCT, "engines"),
                new ProductPriceChanged(PRODUCT, new Money(2499, "EUR")),
                new ProductRestocked(PRODUCT, 100),
                new StockReserved(PRODUCT, ORDER, 3),
                new StockReleased(PRODUCT, ORDER, 3),
                new ProductDiscontinued(PRODUCT),
                new OrderPlaced(ORDER, CUSTOMER, List.of(new OrderLine(PRODUCT, 3, PRICE)), PRICE.times(3)),
                new OrderPaid(ORDER, PRICE.times(3)),
                new OrderShipped(ORDER),
                new OrderDelivered(ORDER),
                new OrderCancelled(ORDER, "changed my mind"));
    }
}
