package dev.tributary.events;

/**
 * Every event Tributary stores. A domain declares its events as sealed interfaces of records that
 * extend this one, and registers them in an {@link EventCatalog}: adding a record to a sealed
 * interface breaks compilation wherever an exhaustive switch does not yet handle it.
 */
public interface DomainEvent {

    /** The aggregate this event belongs to. */
    AggregateId aggregateId();
}
