package dev.tributary.command.eventstore;

import dev.tributary.domains.shop.events.Shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.command.CommandServiceFixture;
import dev.tributary.command.eventstore.EventStore.Append;
import dev.tributary.events.AggregateId;
import dev.tributary.events.Money;
import dev.tributary.domains.shop.events.ProductEvent.ProductAdded;
import dev.tributary.domains.shop.events.ProductEvent.ProductRestocked;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A write that timed out may have landed. When its retry finds the versions taken, the store looks
 * at whose events hold them before it calls it a conflict.
 */
class AmbiguousWriteIT {

    private static CommandServiceFixture service;
    private static DynamoEventStore store;

    @BeforeAll
    static void start() {
        service = new CommandServiceFixture();
        store = new DynamoEventStore(service.dynamo, service.tables);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void a_retried_write_that_had_landed_is_answered_as_the_success_it_was() {
        var product = Shop.product(UUID.randomUUID());
        var command = UUID.randomUUID();
        var append = new Append(product, 0, List.of(new ProductAdded(product.id(), "SKU", "Thing", new Money(100, "EUR"), "uncategorized")));
        store.append(List.of(append), command, null);

        store.append(List.of(append), command, null);

        assertThat(service.events(product.pk())).hasSize(1);
    }

    @Test
    void a_retried_multi_item_write_that_had_landed_is_answered_as_the_success_it_was() {
        var product = Shop.product(UUID.randomUUID());
        var command = UUID.randomUUID();
        var append = new Append(product, 0, List.of(
                new ProductAdded(product.id(), "SKU", "Thing", new Money(100, "EUR"), "uncategorized"),
                new ProductRestocked(product.id(), 5)));
        store.append(List.of(append), command, null);

        store.append(List.of(append), command, null);

        assertThat(service.events(product.pk())).hasSize(2);
    }

    @Test
    void the_same_versions_taken_by_another_command_are_a_conflict() {
        var product = Shop.product(UUID.randomUUID());
        var append = new Append(product, 0, List.of(new ProductAdded(product.id(), "SKU", "Thing", new Money(100, "EUR"), "uncategorized")));
        store.append(List.of(append), UUID.randomUUID(), null);

        assertThatThrownBy(() -> store.append(List.of(append), UUID.randomUUID(), null))
                .isInstanceOf(ConcurrencyConflict.class);
    }
}
