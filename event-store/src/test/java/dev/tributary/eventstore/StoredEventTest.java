package dev.tributary.eventstore;

import dev.tributary.domains.shop.events.Shop;

import dev.tributary.events.AggregateId;
import dev.tributary.events.StoredEvent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.domains.shop.events.CustomerEvent.CustomerRegistered;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StoredEventTest {

    @Test
    void an_event_time_keeps_microseconds_only_so_every_copy_of_it_agrees_with_postgres() {
        var id = UUID.randomUUID();
        var event = new StoredEvent(Shop.customer(id), 1, UUID.randomUUID(), Instant.parse("2026-11-21T12:22:17.016102599Z"),
                UUID.randomUUID(), new CustomerRegistered(id, "Ada", "ada@example.com"));

        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-21T12:22:17.016102Z"));
        assertThat(EventItems.fromItem(EventItems.toItem(event)).occurredAt()).isEqualTo(event.occurredAt());
    }
}
