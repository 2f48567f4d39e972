package dev.tributary.events;

import java.util.List;

/**
 * A domain's events and the aggregates they belong to: the one place a domain registers them. Found
 * with {@link java.util.ServiceLoader}, so a domain registers by naming its implementation in
 * {@code META-INF/services/dev.tributary.events.EventCatalog}; every service, tool and test that reads
 * events then knows them.
 */
public interface EventCatalog {

    /** The domain's name, lower case, such as {@code shop}. */
    String domain();

    /** Its kinds of aggregate; no two domains may register the same name. */
    List<AggregateType> aggregateTypes();

    /**
     * Its events: sealed interfaces (each permitted record is an event type) or records. Each record
     * carries its stored name ({@link EventName}), unique across all domains.
     */
    List<Class<? extends DomainEvent>> eventTypes();

    /**
     * How its events' older stored forms become the newest: for each type, one upcaster per version
     * after the first, from 1 up. None when every type is at version 1.
     */
    default List<Upcaster> upcasters() {
        return List.of();
    }
}
