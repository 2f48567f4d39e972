package dev.tributary.projector;

import dev.tributary.domains.shop.events.Shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.events.AggregateId;
import dev.tributary.events.Money;
import dev.tributary.domains.shop.events.OrderEvent.OrderLine;
import dev.tributary.domains.shop.events.OrderEvent.OrderPaid;
import dev.tributary.domains.shop.events.OrderEvent.OrderPlaced;
import dev.tributary.domains.shop.events.OrderEvent.OrderShipped;
import dev.tributary.domains.shop.events.ProductEvent.ProductAdded;
import dev.tributary.domains.shop.events.ProductEvent.ProductRestocked;
import dev.tributary.domains.shop.events.ProductEvent.StockReserved;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerRenamed;
import dev.tributary.domains.shop.events.OrderEvent.OrderCancelled;
import dev.tributary.projector.projection.GapRepairingProjection;
import dev.tributary.projector.projection.Projection;
import dev.tributary.projector.projection.ProjectedBatch;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProjectionIT {

    private static ProjectorFixture fixture;
    private static Projection projection;
    private static GapRepairingProjection repairing;

    @BeforeAll
    static void start() {
        fixture = new ProjectorFixture();
        var context = fixture.startReadModelOnly();
        projection = context.getBean(Projection.class);
        repairing = context.getBean(GapRepairingProjection.class);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void projector_redelivered_batch_applies_each_event_once() throws Exception {
        var first = UUID.randomUUID();
        var second = UUID.randomUUID();
        var batch = new ProjectedBatch("shard-redelivery", "100", Instant.now(), List.of(
                ProjectorFixture.registered(first, "Ada"), ProjectorFixture.registered(second, "Alan")));

        assertThat(projection.apply(batch)).isEqualTo(2);
        assertThat(projection.apply(batch)).isZero();

        try (var c = ProjectorFixture.postgres()) {
            var rows = c.createStatement().executeQuery("SELECT count(*) FROM customers WHERE customer_id IN ('"
                    + first + "','" + second + "')");
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(2);
        }
    }

    @Test
    void an_order_s_life_moves_stock_from_available_to_reserved_to_shipped() throws Exception {
        var customer = UUID.randomUUID();
        var product = UUID.randomUUID();
        var order = UUID.randomUUID();
        var price = new Money(1000, "EUR");
        var batch = new ProjectedBatch("shard-orders", "7", Instant.now(), List.of(
                ProjectorFixture.registered(customer, "Ada"),
                ProjectorFixture.event(Shop.product(product), 1, new ProductAdded(product, "SKU-1", "Widget", price, "uncategorized")),
                ProjectorFixture.event(Shop.product(product), 2, new ProductRestocked(product, 10)),
                ProjectorFixture.event(Shop.order(order), 1, new OrderPlaced(order, customer,
                        List.of(new OrderLine(product, 3, price)), price.times(3))),
                ProjectorFixture.event(Shop.product(product), 3, new StockReserved(product, order, 3)),
                ProjectorFixture.event(Shop.order(order), 2, new OrderPaid(order, price.times(3))),
                ProjectorFixture.event(Shop.order(order), 3, new OrderShipped(order))));

        assertThat(projection.apply(batch)).isEqualTo(7);

        try (var c = ProjectorFixture.postgres()) {
            var stock = c.createStatement().executeQuery(
                    "SELECT on_hand, reserved, version FROM products WHERE product_id = '" + product + "'");
            stock.next();
            assertThat(stock.getLong("on_hand")).as("10 restocked, 3 shipped").isEqualTo(7);
            assertThat(stock.getLong("reserved")).as("reserved units left with the shipment").isZero();
            assertThat(stock.getLong("version")).isEqualTo(3);
            var orders = c.createStatement().executeQuery(
                    "SELECT status, total_minor, (SELECT count(*) FROM order_lines l WHERE l.order_id = o.order_id) AS lines, "
                            + "(SELECT string_agg(status, ',' ORDER BY version) FROM order_status_history h WHERE h.order_id = o.order_id) AS history "
                            + "FROM orders o WHERE order_id = '" + order + "'");
            orders.next();
            assertThat(orders.getString("status")).isEqualTo("shipped");
            assertThat(orders.getLong("total_minor")).isEqualTo(3000);
            assertThat(orders.getLong("lines")).isEqualTo(1);
            assertThat(orders.getString("history")).isEqualTo("placed,paid,shipped");
        }
    }

    @Test
    void a_batch_records_how_far_its_shard_has_been_applied() throws Exception {
        var at = Instant.parse("2026-11-21T12:00:00Z");
        projection.apply(new ProjectedBatch("shard-progress", "4200", at,
                List.of(ProjectorFixture.registered(UUID.randomUUID(), "Edsger"))));

        try (var c = ProjectorFixture.postgres()) {
            var rows = c.createStatement().executeQuery(
                    "SELECT sequence_number, last_event_at FROM shard_progress WHERE shard_id = 'shard-progress'");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("4200");
            assertThat(rows.getObject(2, java.time.OffsetDateTime.class).toInstant()).isEqualTo(at);
        }
    }

    @Test
    void an_event_ahead_of_its_aggregate_is_applied_after_the_missing_versions_fetched_from_the_events_table() throws Exception {
        var ada = UUID.randomUUID();
        var alan = UUID.randomUUID();
        var registered = ProjectorFixture.registered(ada, "Ada");
        var renamed = ProjectorFixture.event(Shop.customer(ada), 2, new CustomerRenamed(ada, "Ada Lovelace"));
        fixture.append(registered);
        fixture.append(renamed);

        int applied = repairing.apply(new ProjectedBatch("shard-gap", "9", Instant.now(),
                List.of(ProjectorFixture.registered(alan, "Alan"), renamed)));

        assertThat(applied).as("Alan, then Ada's missing version 1 and her version 2").isEqualTo(3);
        try (var c = ProjectorFixture.postgres()) {
            var rows = c.createStatement().executeQuery("SELECT name, version FROM customers WHERE customer_id = '" + ada + "'");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("name")).isEqualTo("Ada Lovelace");
            assertThat(rows.getLong("version")).isEqualTo(2);
        }
    }

    @Test
    void summaries_count_placed_orders_and_take_cancelled_ones_back_out() throws Exception {
        var customer = UUID.randomUUID();
        var product = UUID.randomUUID();
        var kept = UUID.randomUUID();
        var cancelled = UUID.randomUUID();
        var price = new Money(250, "SEK");
        projection.apply(new ProjectedBatch("shard-summaries", "1", Instant.now(), List.of(
                ProjectorFixture.event(Shop.order(kept), 1, new OrderPlaced(kept, customer,
                        List.of(new OrderLine(product, 2, price), new OrderLine(product, 1, price)), price.times(3))),
                ProjectorFixture.event(Shop.order(cancelled), 1, new OrderPlaced(cancelled, customer,
                        List.of(new OrderLine(product, 4, price)), price.times(4))),
                ProjectorFixture.event(Shop.order(cancelled), 2, new OrderCancelled(cancelled, "changed my mind")))));

        try (var c = ProjectorFixture.postgres()) {
            var daily = c.createStatement().executeQuery("SELECT sum(orders), sum(revenue_minor), sum(cancelled) FROM daily_sales WHERE currency = 'SEK'");
            daily.next();
            assertThat(daily.getLong(1)).as("orders placed").isEqualTo(2);
            assertThat(daily.getLong(2)).as("revenue of the order kept").isEqualTo(750);
            assertThat(daily.getLong(3)).as("cancelled").isEqualTo(1);
            var stats = c.createStatement().executeQuery("SELECT orders, lifetime_spend_minor FROM customer_stats WHERE customer_id = '" + customer + "'");
            stats.next();
            assertThat(stats.getLong(1)).isEqualTo(1);
            assertThat(stats.getLong(2)).isEqualTo(750);
            var sales = c.createStatement().executeQuery("SELECT orders, units, revenue_minor FROM product_sales WHERE product_id = '" + product + "'");
            sales.next();
            assertThat(sales.getLong(1)).as("one order, though on two lines").isEqualTo(1);
            assertThat(sales.getLong(2)).isEqualTo(3);
            assertThat(sales.getLong(3)).isEqualTo(750);
        }
    }

    @Test
    void a_shipment_projected_before_its_product_leaves_the_same_stock_as_in_order() throws Exception {
        var customer = UUID.randomUUID();
        var product = UUID.randomUUID();
        var order = UUID.randomUUID();
        var price = new Money(1000, "EUR");
        projection.apply(new ProjectedBatch("shard-a", "1", Instant.now(), List.of(
                ProjectorFixture.event(Shop.order(order), 1, new OrderPlaced(order, customer,
                        List.of(new OrderLine(product, 3, price)), price.times(3))),
                ProjectorFixture.event(Shop.order(order), 2, new OrderShipped(order)))));
        projection.apply(new ProjectedBatch("shard-b", "1", Instant.now(), List.of(
                ProjectorFixture.event(Shop.product(product), 1, new ProductAdded(product, "SKU-LATE", "Late", price, "uncategorized")),
                ProjectorFixture.event(Shop.product(product), 2, new ProductRestocked(product, 10)),
                ProjectorFixture.event(Shop.product(product), 3, new StockReserved(product, order, 3)))));

        try (var c = ProjectorFixture.postgres()) {
            var stock = c.createStatement().executeQuery("SELECT on_hand, reserved FROM products WHERE product_id = '" + product + "'");
            stock.next();
            assertThat(stock.getLong("on_hand")).isEqualTo(7);
            assertThat(stock.getLong("reserved")).isZero();
        }
    }

    @Test
    void orders_shipped_in_one_batch_take_all_their_units_from_a_product_they_share() throws Exception {
        var customer = UUID.randomUUID();
        var product = UUID.randomUUID();
        var price = new Money(500, "EUR");
        var events = new java.util.ArrayList<>(List.of(
                ProjectorFixture.event(Shop.product(product), 1, new ProductAdded(product, "SKU-SHARED", "Shared", price, "uncategorized")),
                ProjectorFixture.event(Shop.product(product), 2, new ProductRestocked(product, 10))));
        var orders = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        long productVersion = 2;
        for (UUID order : orders) {
            var lines = order.equals(orders.getFirst())
                    ? List.of(new OrderLine(product, 1, price), new OrderLine(product, 1, price))
                    : List.of(new OrderLine(product, 2, price));
            events.add(ProjectorFixture.event(Shop.order(order), 1, new OrderPlaced(order, customer, lines, price.times(2))));
            events.add(ProjectorFixture.event(Shop.product(product), ++productVersion, new StockReserved(product, order, 2)));
        }
        for (UUID order : orders) {
            events.add(ProjectorFixture.event(Shop.order(order), 2, new OrderShipped(order)));
        }

        assertThat(projection.apply(new ProjectedBatch("shard-shared", "1", Instant.now(), events))).isEqualTo(events.size());

        try (var c = ProjectorFixture.postgres()) {
            var stock = c.createStatement().executeQuery("SELECT on_hand, reserved FROM products WHERE product_id = '" + product + "'");
            stock.next();
            assertThat(stock.getLong("on_hand")).as("10 restocked, 3 orders of 2 shipped").isEqualTo(4);
            assertThat(stock.getLong("reserved")).isZero();
        }
    }

    @Test
    void text_reaches_the_read_model_exactly_as_the_event_has_it_whatever_its_characters() throws Exception {
        var customer = UUID.randomUUID();
        var product = UUID.randomUUID();
        String registered = "O\"Brien, {Ada} \\ NULL";
        String renamed = "NULL";
        String productName = "Crème brûlée 🍮 'quoted' \"double\" {a,b} \\n";
        projection.apply(new ProjectedBatch("shard-text", "1", Instant.now(), List.of(
                ProjectorFixture.registered(customer, registered),
                ProjectorFixture.event(Shop.product(product), 1, new ProductAdded(product, " SKU ,\t", productName, new Money(1, "EUR"), "uncategorized")))));
        try (var c = ProjectorFixture.postgres()) {
            var rows = c.createStatement().executeQuery("SELECT name FROM customers WHERE customer_id = '" + customer + "'");
            rows.next();
            assertThat(rows.getString(1)).isEqualTo(registered);
            rows = c.createStatement().executeQuery("SELECT sku, name FROM products WHERE product_id = '" + product + "'");
            rows.next();
            assertThat(rows.getString(1)).isEqualTo(" SKU ,\t");
            assertThat(rows.getString(2)).isEqualTo(productName);
        }

        projection.apply(new ProjectedBatch("shard-text", "2", Instant.now(), List.of(
                ProjectorFixture.event(Shop.customer(customer), 2, new CustomerRenamed(customer, renamed)))));

        try (var c = ProjectorFixture.postgres()) {
            var rows = c.createStatement().executeQuery("SELECT name, name IS NULL FROM customers WHERE customer_id = '" + customer + "'");
            rows.next();
            assertThat(rows.getString(1)).as("the word NULL is a name, not a missing value").isEqualTo(renamed);
            assertThat(rows.getBoolean(2)).isFalse();
        }
    }
}
