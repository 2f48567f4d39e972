package dev.tributary.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.domains.shop.events.CustomerEvent;
import dev.tributary.domains.shop.events.ProductEvent.ProductAdded;
import dev.tributary.domains.shop.events.Shop;
import dev.tributary.events.AggregateId;
import dev.tributary.events.AggregateType;
import dev.tributary.events.DomainEvent;
import dev.tributary.events.EventCatalog;
import dev.tributary.events.EventName;
import dev.tributary.events.EventTypes;
import dev.tributary.events.Upcaster;
import dev.tributary.eventstore.EventItems;
import dev.tributary.eventstore.NotReadableYet;
import dev.tributary.eventstore.UndecodableEventException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every event ever stored stays readable. Each event type of every registered domain, at every schema
 * version it has had, has an approved sample item in its domain's events module; each still reads into
 * today's record. A new version adds a fixture and never edits an old one.
 */
class EventContractsTest {

    @Test
    void every_event_type_at_every_version_ever_written_has_an_approved_fixture_that_reads_as_today() throws Exception {
        var registry = EventTypes.registry();
        var missing = new ArrayList<String>();
        int read = 0;
        for (String type : registry.names()) {
            for (int version = 1; version <= registry.newestVersion(type); version++) {
                var item = EventFixtures.read(type, version);
                if (item == null) {
                    missing.add(EventFixtures.path(type, version));
                    continue;
                }
                var event = EventItems.fromItem(item);
                assertThat(event.type()).as(type + " v" + version).isEqualTo(type);
                assertThat(event.data()).as(type + " v" + version).isInstanceOf(registry.byName(type).orElseThrow());
                var rewritten = EventItems.toItem(event);
                assertThat(rewritten.get(EventItems.SCHEMA).n()).as("writers write the newest version of " + type)
                        .isEqualTo(Integer.toString(registry.newestVersion(type)));
                assertThat(EventItems.fromItem(rewritten)).as(type + " v" + version + " written again reads the same").isEqualTo(event);
                read++;
            }
        }
        assertThat(missing).as("fixtures to add, each an item as that version wrote it (aws dynamodb get-item prints one)").isEmpty();
        assertThat(read).isGreaterThan(20);
    }

    @Test
    void a_product_added_before_categories_reads_as_uncategorized_and_one_added_after_keeps_its_own() throws Exception {
        var before = (ProductAdded) EventItems.fromItem(EventFixtures.read("ProductAdded", 1)).data();
        var after = (ProductAdded) EventItems.fromItem(EventFixtures.read("ProductAdded", 2)).data();
        assertThat(before.category()).isEqualTo(Shop.UNCATEGORIZED);
        assertThat(after.category()).isEqualTo("engines");
        assertThat(before.sku()).isEqualTo(after.sku());
    }

    @Test
    void a_renamed_event_class_keeps_its_stored_name_and_reads_the_items_stored_before() throws Exception {
        var renamed = EventTypes.Registry.load(List.of(catalog(List.of(Renamed.class), List.of())));
        var item = EventFixtures.read("CustomerRegistered", 1);

        var event = EventItems.fromItem(item, renamed);

        assertThat(event.data()).isEqualTo(new Renamed.ClientSignedUp(UUID.fromString("0b6c2a4e-5f0e-4c4b-9a57-3f1b2e6c9d10"),
                "Ada Lovelace", "ada@example.com"));
        assertThat(renamed.nameOf(Renamed.ClientSignedUp.class)).isEqualTo("CustomerRegistered");
    }

    @Test
    void data_already_at_the_newest_version_is_bound_without_running_any_upcaster() throws Exception {
        var throwing = Upcaster.of("CustomerRegistered", 1, data -> {
            throw new AssertionError("upcast called for data at the newest version");
        });
        var registry = EventTypes.Registry.load(List.of(catalog(List.of(Renamed.class), List.of(throwing))));
        var item = new HashMap<>(EventFixtures.read("CustomerRegistered", 1));
        item.put(EventItems.SCHEMA, AttributeValue.fromN("2"));

        assertThat(EventItems.fromItem(item, registry).data()).isInstanceOf(Renamed.ClientSignedUp.class);
        item.put(EventItems.SCHEMA, AttributeValue.fromN("1"));
        assertThatThrownBy(() -> EventItems.fromItem(item, registry)).hasMessageContaining("upcast called");
    }

    @Test
    void the_registry_refuses_a_type_without_a_stored_name_two_types_under_one_name_and_a_gap_in_the_upcasters() {
        assertThatThrownBy(() -> EventTypes.Registry.load(List.of(catalog(List.of(Unnamed.class), List.of()))))
                .hasMessageContaining("has no @EventName");
        assertThatThrownBy(() -> EventTypes.Registry.load(List.of(catalog(List.of(Renamed.class, CustomerEvent.class), List.of()))))
                .hasMessageContaining("two event types are stored as CustomerRegistered");
        assertThatThrownBy(() -> EventTypes.Registry.load(List.of(catalog(List.of(Renamed.class),
                List.of(Upcaster.of("CustomerRegistered", 2, data -> data))))))
                .hasMessageContaining("must read versions 1, 2, 3");
    }

    @Test
    void an_item_from_a_newer_version_is_not_readable_yet_and_a_malformed_one_is_undecodable() throws Exception {
        var item = EventFixtures.read("ProductAdded", 2);
        var newerSchema = new HashMap<>(item);
        newerSchema.put(EventItems.SCHEMA, AttributeValue.fromN("3"));
        var newerType = new HashMap<>(item);
        newerType.put(EventItems.TYPE, AttributeValue.fromS("ProductRetired"));
        var newerAggregate = new HashMap<>(item);
        newerAggregate.put(EventItems.PK, AttributeValue.fromS("Supplier#" + UUID.randomUUID()));
        var garbage = new HashMap<>(item);
        garbage.put(EventItems.TYPE, AttributeValue.fromS("product added!"));

        for (Map<String, AttributeValue> newer : List.of(newerSchema, newerType, newerAggregate)) {
            assertThatThrownBy(() -> EventItems.fromItem(newer)).isInstanceOf(NotReadableYet.class)
                    .hasMessageContaining(item.get(EventItems.SK).n()).hasMessageContaining("a newer version of Tributary reads it");
        }
        assertThatThrownBy(() -> EventItems.fromItem(newerSchema)).hasMessageContaining("schema 3 of ProductAdded, newer than the 2");
        assertThatThrownBy(() -> EventItems.fromItem(garbage)).isInstanceOf(UndecodableEventException.class)
                .isNotInstanceOf(NotReadableYet.class);
    }

    @Test
    void a_number_stored_where_text_belongs_is_undecodable_not_coerced() throws Exception {
        var item = new HashMap<>(EventFixtures.read("CustomerRenamed", 1));
        var data = new HashMap<>(item.get(EventItems.DATA).m());
        data.put("name", AttributeValue.fromN("42"));
        item.put(EventItems.DATA, AttributeValue.fromM(data));
        assertThatThrownBy(() -> EventItems.fromItem(item)).isInstanceOf(UndecodableEventException.class);
    }

    /** A customer's registration under a new class name: the stored name stays. */
    sealed interface Renamed extends DomainEvent {

        @EventName("CustomerRegistered")
        record ClientSignedUp(UUID customerId, String name, String email) implements Renamed {
            @Override
            public AggregateId aggregateId() {
                return Shop.customer(customerId);
            }
        }
    }

    record Unnamed(UUID id) implements DomainEvent {
        @Override
        public AggregateId aggregateId() {
            return new AggregateId(new AggregateType("Unnamed"), id);
        }
    }

    private static EventCatalog catalog(List<Class<? extends DomainEvent>> types, List<Upcaster> upcasters) {
        return new EventCatalog() {
            @Override
            public String domain() {
                return "test";
            }

            @Override
            public List<AggregateType> aggregateTypes() {
                return List.of();
            }

            @Override
            public List<Class<? extends DomainEvent>> eventTypes() {
                return types;
            }

            @Override
            public List<Upcaster> upcasters() {
                return upcasters;
            }
        };
    }
}
