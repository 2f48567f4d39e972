package dev.tributary.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A kind of aggregate, declared by the domain that owns it ({@link EventCatalog#aggregateTypes()}). Its
 * name is the prefix of the aggregate's partition key and of its consistency tokens, so it never changes
 * once events are stored under it.
 *
 * @param name a capitalized ASCII word, such as {@code Customer}
 */
public record AggregateType(String name) {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9]{0,39}");

    public AggregateType {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an aggregate type is a capitalized ASCII word of at most 40 characters, not " + name);
        }
    }

    /** The type a domain registered under this name; throws {@link IllegalArgumentException} when none did. */
    public static AggregateType named(String name) {
        return EventTypes.aggregateType(name)
                .orElseThrow(() -> new IllegalArgumentException("no domain registers the aggregate type " + name));
    }

    @Override
    public String toString() {
        return name;
    }
}
