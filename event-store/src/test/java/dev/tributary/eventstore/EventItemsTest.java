package dev.tributary.eventstore;

import dev.tributary.domains.shop.events.Shop;

import dev.tributary.events.AggregateId;
import dev.tributary.events.DomainEvent;
import dev.tributary.events.EventTypes;
import dev.tributary.events.StoredEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.domains.shop.events.CustomerEvent.CustomerRegistered;
import java.time.Instant;
import java.util.HashMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class EventItemsTest {

    private final UUID customerId = UUID.fromString("0b6c2a4e-5f0e-4c4b-9a57-3f1b2e6c9d10");
    private final StoredEvent registered = new StoredEvent(
            Shop.customer(customerId), 1,
            UUID.fromString("6a1f0b1e-2222-4b4b-8c8c-000000000001"),
            Instant.parse("2026-11-21T10:15:30.123456Z"),
            UUID.fromString("6a1f0b1e-3333-4b4b-8c8c-000000000002"),
            new CustomerRegistered(customerId, "Ada Lovelace", "ada@example.com"));

    @Test
    void an_event_survives_the_round_trip_through_its_item_exactly() {
        assertThat(EventItems.fromItem(EventItems.toItem(registered))).isEqualTo(registered);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("dev.tributary.eventstore.EventSamples#all")
    void every_event_type_survives_the_round_trip_through_its_item(DomainEvent event) {
        var stored = new StoredEvent(event.aggregateId(), 7, UUID.randomUUID(), Instant.now(), UUID.randomUUID(),
                event);

        assertThat(EventItems.fromItem(EventItems.toItem(stored))).isEqualTo(stored);
    }

    @Test
    void the_samples_cover_every_event_type_so_none_goes_untested() {
        assertThat(EventSamples.all().stream().map(EventTypes::nameOf).toList())
                .containsExactlyInAnyOrderElementsOf(EventTypes.names());
    }

    @Test
    void the_item_has_the_documented_layout() {
        var item = EventItems.toItem(registered);

        assertThat(item.get("pk").s()).isEqualTo("Customer#" + customerId);
        assertThat(item.get("sk").n()).isEqualTo("1");
        assertThat(item.get("type").s()).isEqualTo("CustomerRegistered");
        assertThat(item.get("occurredAt").s()).isEqualTo("2026-11-21T10:15:30.123456Z");
        assertThat(item.get("schema").n()).isEqualTo("1");
        assertThat(item.get("data").m())
                .containsEntry("name", AttributeValue.fromS("Ada Lovelace"))
                .containsEntry("email", AttributeValue.fromS("ada@example.com"))
                .containsEntry("customerId", AttributeValue.fromS(customerId.toString()));
    }

    @Test
    void every_permitted_event_type_is_registered_by_its_simple_name() {
        assertThat(EventTypes.byName("CustomerRegistered")).contains(CustomerRegistered.class);
        assertThat(EventTypes.byName("CustomerDeleted")).isEmpty();
    }

    @Test
    void an_unknown_type_is_undecodable_and_says_which() {
        var item = new HashMap<>(EventItems.toItem(registered));
        item.put("type", AttributeValue.fromS("CustomerTeleported"));

        assertThatThrownBy(() -> EventItems.fromItem(item))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("CustomerTeleported");
    }

    @Test
    void a_missing_attribute_is_undecodable_and_names_the_attribute_and_the_key() {
        var item = new HashMap<>(EventItems.toItem(registered));
        item.remove("eventId");

        assertThatThrownBy(() -> EventItems.fromItem(item))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("eventId")
                .hasMessageContaining("Customer#" + customerId + "@1");
    }

    @Test
    void a_payload_with_an_unknown_field_is_undecodable() {
        var item = new HashMap<>(EventItems.toItem(registered));
        var data = new HashMap<>(item.get("data").m());
        data.put("shoeSize", AttributeValue.fromN("44"));
        item.put("data", AttributeValue.fromM(data));

        assertThatThrownBy(() -> EventItems.fromItem(item))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("shoeSize");
    }

    @Test
    void an_event_cannot_be_stored_under_another_aggregate() {
        var other = Shop.customer(UUID.randomUUID());
        assertThatThrownBy(() -> new StoredEvent(other, 1, UUID.randomUUID(), Instant.now(), UUID.randomUUID(),
                registered.data()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
