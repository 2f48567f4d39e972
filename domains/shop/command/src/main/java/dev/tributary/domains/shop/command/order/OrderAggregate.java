package dev.tributary.domains.shop.command.order;

import dev.tributary.command.handling.Aggregate;
import dev.tributary.domains.shop.events.OrderEvent;

/** The Order aggregate as the command engine runs it: its decider, and its snapshot format. */
public final class OrderAggregate {

    public static final Aggregate<OrderCommand, OrderState, OrderEvent> INSTANCE =
            new Aggregate<>(OrderDecider.INSTANCE, OrderStateCodec.INSTANCE);

    private OrderAggregate() {
    }
}
