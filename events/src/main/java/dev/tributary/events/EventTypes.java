package dev.tributary.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The registry of every domain's event types and aggregate types, from the {@link EventCatalog}s on
 * the classpath. A record is registered by being permitted by a registered sealed interface; its stored
 * name is its simple class name.
 */
public final class EventTypes {

    private static final Registry REGISTRY = Registry.load(ServiceLoader.load(EventCatalog.class).stream()
            .map(ServiceLoader.Provider::get).toList());

    private EventTypes() {
    }

    public static String nameOf(DomainEvent event) {
        return event.getClass().getSimpleName();
    }

    /** Every event type's stored name. */
    public static Set<String> names() {
        return Set.copyOf(REGISTRY.events.keySet());
    }

    public static Optional<Class<? extends DomainEvent>> byName(String name) {
        return Optional.ofNullable(REGISTRY.events.get(name));
    }

    public static Optional<AggregateType> aggregateType(String name) {
        return Optional.ofNullable(REGISTRY.aggregates.get(name));
    }

    /** Every registered aggregate type, by name. */
    public static Set<String> aggregateTypeNames() {
        return Set.copyOf(REGISTRY.aggregates.keySet());
    }

    /** The registered domains' names. */
    public static List<String> domains() {
        return REGISTRY.domains;
    }

    record Registry(Map<String, Class<? extends DomainEvent>> events, Map<String, AggregateType> aggregates, List<String> domains) {

        static Registry load(List<EventCatalog> catalogs) {
            var events = new HashMap<String, Class<? extends DomainEvent>>();
            var aggregates = new HashMap<String, AggregateType>();
            for (EventCatalog catalog : catalogs) {
                for (AggregateType type : catalog.aggregateTypes()) {
                    if (aggregates.put(type.name(), type) != null) {
                        throw new IllegalStateException("two domains register the aggregate type " + type.name());
                    }
                }
                catalog.eventTypes().forEach(type -> register(events, type));
            }
            return new Registry(Map.copyOf(events), Map.copyOf(aggregates),
                    catalogs.stream().map(EventCatalog::domain).sorted().toList());
        }

        @SuppressWarnings("unchecked")
        private static void register(Map<String, Class<? extends DomainEvent>> events, Class<?> type) {
            if (type.isRecord()) {
                var previous = events.put(type.getSimpleName(), (Class<? extends DomainEvent>) type);
                if (previous != null && previous != type) {
                    throw new IllegalStateException("two event types are named " + type.getSimpleName() + ": "
                            + previous.getName() + " and " + type.getName());
                }
                return;
            }
            if (!type.isSealed()) {
                throw new IllegalStateException(type.getName() + " is neither a record nor a sealed interface of events");
            }
            for (Class<?> sub : type.getPermittedSubclasses()) {
                register(events, sub);
            }
        }
    }
}
