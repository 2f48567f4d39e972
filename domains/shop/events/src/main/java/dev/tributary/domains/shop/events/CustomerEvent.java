package dev.tributary.domains.shop.events;

import dev.tributary.events.AggregateId;
import dev.tributary.events.DomainEvent;

import java.util.UUID;

/** Events of the Customer aggregate. */
public sealed interface CustomerEvent extends DomainEvent {

    UUID customerId();

    @Override
    default AggregateId aggregateId() {
        return Shop.customer(customerId());
    }

    /** A customer joined. Always version 1 of its aggregate. */
    record CustomerRegistered(UUID customerId, String name, String email) implements CustomerEvent {
    }

    record CustomerRenamed(UUID customerId, String name) implements CustomerEvent {
    }

    record CustomerEmailChanged(UUID customerId, String email) implements CustomerEvent {
    }

    /** The customer may place no more orders. Final. */
    record CustomerDeactivated(UUID customerId) implements CustomerEvent {
    }
}
