package dev.tributary.domains.ledger.events;

import dev.tributary.events.AggregateId;
import dev.tributary.events.AggregateType;
import dev.tributary.events.DomainEvent;
import dev.tributary.events.EventCatalog;
import java.util.List;
import java.util.UUID;

/** The ledger's aggregates and events, registered in {@code META-INF/services/dev.tributary.events.EventCatalog}. */
public final class Ledger implements EventCatalog {

    public static final AggregateType ACCOUNT = new AggregateType("Account");

    public static AggregateId account(UUID id) {
        return new AggregateId(ACCOUNT, id);
    }

    @Override
    public String domain() {
        return "ledger";
    }

    @Override
    public List<AggregateType> aggregateTypes() {
        return List.of(ACCOUNT);
    }

    @Override
    public List<Class<? extends DomainEvent>> eventTypes() {
        return List.of(AccountEvent.class);
    }
}
