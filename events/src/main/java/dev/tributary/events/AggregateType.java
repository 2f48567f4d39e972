package dev.tributary.events;

/** The kinds of aggregate; the name is the prefix of the partition key. */
public enum AggregateType {
    Customer,
    Product,
    Order
}
