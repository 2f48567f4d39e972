package dev.tributary.domains.shop.command.order;

import dev.tributary.domains.shop.events.OrderEvent.OrderLine;
import java.util.List;
import java.util.UUID;

/** What can be asked of an Order. */
public sealed interface OrderCommand {

    UUID orderId();

    /** Lines already priced from the products at placement. */
    record PlaceOrder(UUID orderId, UUID customerId, List<OrderLine> lines) implements OrderCommand {
    }

    record PayOrder(UUID orderId) implements OrderCommand {
    }

    record ShipOrder(UUID orderId) implements OrderCommand {
    }

    record DeliverOrder(UUID orderId) implements OrderCommand {
    }

    record CancelOrder(UUID orderId, String reason) implements OrderCommand {
    }
}
