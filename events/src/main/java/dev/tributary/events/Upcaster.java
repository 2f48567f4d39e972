package dev.tributary.events;

import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Turns an event's stored data from one schema version of its type into the next: a pure function over
 * the data as JSON values (maps, lists, strings, numbers as {@link java.math.BigDecimal} or
 * {@link Long}, booleans, nulls). Declared with the event type's domain ({@link EventCatalog#upcasters()});
 * every reader runs the stored data through the chain up to the type's newest version before binding it
 * to the record. A type's newest version is 1 plus the number of its upcasters.
 *
 * @param type    the event type's stored name
 * @param from    the version this reads; it writes {@code from + 1}
 * @param upcast  the change; it may modify and return the map it is given
 */
public record Upcaster(String type, int from, UnaryOperator<Map<String, Object>> upcast) {

    public Upcaster {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(upcast, "upcast");
        if (from < 1) {
            throw new IllegalArgumentException("an upcaster reads version 1 or later, not " + from);
        }
    }

    public static Upcaster of(String type, int from, UnaryOperator<Map<String, Object>> upcast) {
        return new Upcaster(type, from, upcast);
    }
}
