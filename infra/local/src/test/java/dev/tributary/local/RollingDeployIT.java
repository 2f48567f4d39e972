package dev.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.domains.shop.events.CustomerEvent.CustomerRegistered;
import dev.tributary.domains.shop.events.ProductEvent.ProductAdded;
import dev.tributary.domains.shop.events.ProductEvent.ProductRestocked;
import dev.tributary.domains.shop.events.Shop;
import dev.tributary.embedded.LocalPostgres;
import dev.tributary.events.EventTypes;
import dev.tributary.events.Money;
import dev.tributary.events.StoredEvent;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * A rolling deploy that adds schema 2 of ProductAdded (the category): a projector of the release before
 * (it reads ProductAdded only up to schema 1) meets a product added by the new command service. It holds
 * that product {@code awaiting-upgrade}, never applying it half understood and never parking it as
 * poison, while every other aggregate flows. A projector of the new release then finishes it by itself.
 */
class RollingDeployIT {

    @Test
    void an_old_projector_holds_an_event_of_a_newer_schema_awaiting_upgrade_and_a_new_one_finishes_it_unasked() throws Exception {
        try (var harness = new ProjectorHarness("rolling")) {
            var old = harness.start(Map.of(EventTypes.READABLE_VERSIONS, "ProductAdded:1"));
            UUID product = UUID.randomUUID();
            var customers = new ArrayList<StoredEvent>();
            for (int i = 0; i < 20; i++) {
                UUID id = UUID.randomUUID();
                customers.add(event(Shop.customer(id), 1, new CustomerRegistered(id, "Customer " + i, "c" + i + "@example.com")));
            }
            harness.write(List.of(event(Shop.product(product), 1, new ProductAdded(product, "NEW-1", "New", new Money(500, "EUR"), "garden")),
                    event(Shop.product(product), 2, new ProductRestocked(product, 7))));
            harness.write(customers);

            await(() -> count(harness, "SELECT count(*) FROM customers") == customers.size());
            await(() -> count(harness, "SELECT count(*) FROM dead_letter WHERE aggregate = 'Product#" + product + "'") == 2);
            assertThat(count(harness, "SELECT count(*) FROM dead_letter WHERE state = 'awaiting-upgrade' AND version = 1 "
                    + "AND error LIKE '%schema 2 of ProductAdded, newer than the 1 this version reads%'")).isEqualTo(1);
            assertThat(count(harness, "SELECT count(*) FROM dead_letter WHERE state = 'waiting' AND version = 2")).isEqualTo(1);
            assertThat(count(harness, "SELECT count(*) FROM dead_letter WHERE state = 'parked'")).as("nothing is poison").isZero();
            assertThat(count(harness, "SELECT count(*) FROM products")).as("never applied half understood").isZero();
            old.process().stop(20);

            var current = harness.start(Map.of());
            await(() -> count(harness, "SELECT count(*) FROM products WHERE product_id = '" + product
                    + "' AND category = 'garden' AND on_hand = 7 AND version = 2") == 1);
            assertThat(count(harness, "SELECT count(*) FROM dead_letter WHERE state IN ('awaiting-upgrade', 'waiting')")).isZero();
            current.process().stop(20);
        }
    }

    private static StoredEvent event(dev.tributary.events.AggregateId aggregate, long version, dev.tributary.events.DomainEvent data) {
        return new StoredEvent(aggregate, version, UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), UUID.randomUUID(), data);
    }

    private static long count(ProjectorHarness harness, String sql) throws Exception {
        try (var c = DriverManager.getConnection(harness.jdbcUrl, LocalPostgres.USER, ""); var rows = c.createStatement().executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        var deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (condition.call()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not reached within 90 s (see infra/local/target/projector-rolling.log)");
    }
}
