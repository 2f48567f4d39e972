package dev.tributary.domains.shop.command.order;

import dev.tributary.events.Money;
import dev.tributary.domains.shop.events.OrderEvent.OrderLine;
import java.util.List;

/** The life of an order: placed, paid, shipped, delivered; or cancelled before it shipped. */
public sealed interface OrderState {

    record NotPlaced() implements OrderState {
    }

    record Placed(List<OrderLine> lines, Money total) implements OrderState {
    }

    record Paid(List<OrderLine> lines, Money total) implements OrderState {
    }

    record Shipped() implements OrderState {
    }

    record Delivered() implements OrderState {
    }

    record Cancelled() implements OrderState {
    }
}
