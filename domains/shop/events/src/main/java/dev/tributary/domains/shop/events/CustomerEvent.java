package dev.tributary.domains.shop.events;

import dev.tributary.events.AggregateId;
import dev.tributary.events.DomainEvent;
import dev.tributary.events.EventName;

import java.util.UUID;

/** Events of the Customer aggregate. */
public sealed interface CustomerEvent extends DomainEvent {

    UUID customerId();

    @Override
    default AggregateId aggregateId() {
        return Shop.customer(customerId());
    }

    /** A customer joined. Always version 1 of its aggregate. */
    @EventName("CustomerRegistered")
    record CustomerRegistered(UUID customerId, String name, String email) implements CustomerEvent {
    }

    @EventName("CustomerRenamed")
    record CustomerRenamed(UUID customerId, String name) implements CustomerEvent {
    }

    @EventName("CustomerEmailChanged")
    record CustomerEmailChanged(UUID customerId, String email) implements CustomerEvent {
    }

    /** The customer may place no more orders. Final. */
    @EventName("CustomerDeactivated")
    record CustomerDeactivated(UUID customerId) implements CustomerEvent {
    }
}
