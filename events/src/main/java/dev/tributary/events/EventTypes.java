package dev.tributary.events;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of event type names, derived from the sealed {@link DomainEvent} hierarchy, so a new
 * record is registered by being permitted. A type's stored name is its simple class name.
 */
public final class EventTypes {

    private static final Map<String, Class<? extends DomainEvent>> BY_NAME = new HashMap<>();

    static {
        register(DomainEvent.class);
    }

    private EventTypes() {
    }

    @SuppressWarnings("unchecked")
    private static void register(Class<?> type) {
        if (type.isRecord()) {
            var previous = BY_NAME.put(type.getSimpleName(), (Class<? extends DomainEvent>) type);
            if (previous != null) {
                throw new IllegalStateException("two event types named " + type.getSimpleName());
            }
            return;
        }
        for (Class<?> sub : type.getPermittedSubclasses()) {
            register(sub);
        }
    }

    public static String nameOf(DomainEvent event) {
        return event.getClass().getSimpleName();
    }

    /** Every event type's stored name. */
    public static java.util.Set<String> names() {
        return java.util.Set.copyOf(BY_NAME.keySet());
    }

    public static Optional<Class<? extends DomainEvent>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
