package dev.tributary.events;

/**
 * Every event Tributary stores. The permitted types are the whole vocabulary: adding one breaks
 * compilation wherever an exhaustive switch does not yet handle it.
 */
public sealed interface DomainEvent permits CustomerEvent, ProductEvent, OrderEvent {

    /** The aggregate this event belongs to. */
    AggregateId aggregateId();
}
