package dev.tributary.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The registry of every domain's event types and aggregate types, from the {@link EventCatalog}s on
 * the classpath: each record permitted by a registered sealed interface, under its stored name
 * ({@link EventName}), at its newest schema version (1 plus its upcasters), with the chain of
 * {@link Upcaster}s that brings older stored forms up to it.
 */
public final class EventTypes {

    /**
     * For rehearsing a rolling deploy: {@code -Dtributary.events.readable-versions=ProductAdded:1,...} makes this
     * process read those types only up to those versions, as the release before them did.
     */
    public static final String READABLE_VERSIONS = "tributary.events.readable-versions";

    private static final Registry REGISTRY = Registry.load(ServiceLoader.load(EventCatalog.class).stream()
            .map(ServiceLoader.Provider::get).toList()).readingAtMost(System.getProperty(READABLE_VERSIONS, ""));

    private EventTypes() {
    }

    /** The registry of the catalogs on the classpath. */
    public static Registry registry() {
        return REGISTRY;
    }

    public static String nameOf(DomainEvent event) {
        return REGISTRY.nameOf(event.getClass());
    }

    /** Every event type's stored name. */
    public static Set<String> names() {
        return REGISTRY.names();
    }

    public static Optional<Class<? extends DomainEvent>> byName(String name) {
        return REGISTRY.byName(name);
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

    /** The event types of some catalogs, and how to read every version of them. */
    public static final class Registry {

        private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9]{0,79}");

        private final Map<String, Class<? extends DomainEvent>> events;
        private final Map<Class<?>, String> names;
        private final Map<String, List<Upcaster>> chains;
        private final Map<String, AggregateType> aggregates;
        private final List<String> domains;

        private Registry(Map<String, Class<? extends DomainEvent>> events, Map<Class<?>, String> names,
                         Map<String, List<Upcaster>> chains, Map<String, AggregateType> aggregates, List<String> domains) {
            this.events = events;
            this.names = names;
            this.chains = chains;
            this.aggregates = aggregates;
            this.domains = domains;
        }

        /** @throws IllegalStateException naming what is wrong: a missing or shared stored name, a gap in a chain of upcasters */
        public static Registry load(List<EventCatalog> catalogs) {
            var events = new LinkedHashMap<String, Class<? extends DomainEvent>>();
            var names = new HashMap<Class<?>, String>();
            var aggregates = new HashMap<String, AggregateType>();
            var chains = new HashMap<String, List<Upcaster>>();
            for (EventCatalog catalog : catalogs) {
                for (AggregateType type : catalog.aggregateTypes()) {
                    if (aggregates.put(type.name(), type) != null) {
                        throw new IllegalStateException("two domains register the aggregate type " + type.name());
                    }
                }
                catalog.eventTypes().forEach(type -> register(events, names, type));
            }
            for (EventCatalog catalog : catalogs) {
                for (Upcaster upcaster : catalog.upcasters()) {
                    if (!events.containsKey(upcaster.type())) {
                        throw new IllegalStateException(catalog.domain() + " declares an upcaster for " + upcaster.type()
                                + ", which no domain registers");
                    }
                    chains.computeIfAbsent(upcaster.type(), t -> new ArrayList<>()).add(upcaster);
                }
            }
            chains.forEach((type, chain) -> {
                chain.sort(java.util.Comparator.comparingInt(Upcaster::from));
                for (int i = 0; i < chain.size(); i++) {
                    if (chain.get(i).from() != i + 1) {
                        throw new IllegalStateException("the upcasters of " + type + " must read versions 1, 2, 3 ... in turn; "
                                + "version " + (i + 1) + " has " + (chain.get(i).from() > i + 1 ? "none" : "two"));
                    }
                }
            });
            return new Registry(Map.copyOf(events), Map.copyOf(names), Map.copyOf(chains), Map.copyOf(aggregates),
                    catalogs.stream().map(EventCatalog::domain).sorted().toList());
        }

        @SuppressWarnings("unchecked")
        private static void register(Map<String, Class<? extends DomainEvent>> events, Map<Class<?>, String> names, Class<?> type) {
            if (type.isRecord()) {
                var stored = type.getAnnotation(EventName.class);
                if (stored == null) {
                    throw new IllegalStateException(type.getName() + " has no @EventName: every event type declares the name "
                            + "its items are stored under");
                }
                if (!NAME.matcher(stored.value()).matches()) {
                    throw new IllegalStateException(type.getName() + "'s stored name must be a capitalized ASCII word, not " + stored.value());
                }
                var previous = events.put(stored.value(), (Class<? extends DomainEvent>) type);
                if (previous != null && previous != type) {
                    throw new IllegalStateException("two event types are stored as " + stored.value() + ": "
                            + previous.getName() + " and " + type.getName());
                }
                names.put(type, stored.value());
                return;
            }
            if (!type.isSealed()) {
                throw new IllegalStateException(type.getName() + " is neither a record nor a sealed interface of events");
            }
            for (Class<?> sub : type.getPermittedSubclasses()) {
                register(events, names, sub);
            }
        }

        public Set<String> names() {
            return Set.copyOf(events.keySet());
        }

        /** This registry as an older release's: {@code ceilings} ({@code Type:N,...}) caps those types' newest versions. */
        Registry readingAtMost(String ceilings) {
            if (ceilings.isBlank()) {
                return this;
            }
            var capped = new HashMap<>(chains);
            for (String ceiling : ceilings.split(",")) {
                var parts = ceiling.strip().split(":");
                int newest = Integer.parseInt(parts[1].strip());
                capped.computeIfPresent(parts[0].strip(), (type, chain) -> List.copyOf(chain.subList(0, Math.max(0, Math.min(chain.size(), newest - 1)))));
            }
            return new Registry(events, names, Map.copyOf(capped), aggregates, domains);
        }

        public Optional<Class<? extends DomainEvent>> byName(String name) {
            return Optional.ofNullable(events.get(name));
        }

        /** The stored name of an event record of these catalogs. */
        public String nameOf(Class<?> type) {
            String name = names.get(type);
            if (name == null) {
                throw new IllegalArgumentException(type.getName() + " is not a registered event type");
            }
            return name;
        }

        /** The newest schema version of a type: what writers write. */
        public int newestVersion(String type) {
            return chains.getOrDefault(type, List.of()).size() + 1;
        }

        /**
         * Stored data of {@code type} at {@code version}, brought up to the newest version by its upcasters in
         * turn; the same map when it is already the newest.
         *
         * @throws IllegalArgumentException when {@code version} is below 1 or above the newest
         */
        public Map<String, Object> upcast(String type, int version, Map<String, Object> data) {
            var chain = chains.getOrDefault(type, List.of());
            if (version < 1 || version > chain.size() + 1) {
                throw new IllegalArgumentException(type + " has versions 1 to " + (chain.size() + 1) + ", not " + version);
            }
            var current = data;
            for (int v = version; v <= chain.size(); v++) {
                current = chain.get(v - 1).upcast().apply(current);
            }
            return current;
        }
    }
}
