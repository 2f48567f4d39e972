package dev.tributary.domains.shop.command.customer;

import dev.tributary.command.handling.Aggregate;
import dev.tributary.domains.shop.events.CustomerEvent;

/** The Customer aggregate as the command engine runs it: its decider, and its snapshot format. */
public final class CustomerAggregate {

    public static final Aggregate<CustomerCommand, CustomerState, CustomerEvent> INSTANCE =
            new Aggregate<>(CustomerDecider.INSTANCE, CustomerStateCodec.INSTANCE);

    private CustomerAggregate() {
    }
}
