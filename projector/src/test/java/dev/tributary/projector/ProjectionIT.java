package dev.tributary.projector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.events.AggregateId;
import dev.tributary.events.DomainEvent;
import dev.tributary.events.EventItems;
import dev.tributary.events.Money;
import dev.tributary.events.OrderEvent.OrderLine;
import dev.tributary.events.OrderEvent.OrderPaid;
import dev.tributary.events.OrderEvent.OrderPlaced;
import dev.tributary.events.OrderEvent.OrderShipped;
import dev.tributary.events.ProductEvent.ProductAdded;
import dev.tributary.events.ProductEvent.ProductRestocked;
import dev.tributary.events.ProductEvent.StockReserved;
import dev.tributary.events.StoredEvent;
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

    @BeforeAll
    static void start() {
        fixture = new ProjectorFixture();
        projection = fixture.startReadModelOnly().getBean(Projection.class);
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
                event(AggregateId.product(product), 1, new ProductAdded(product, "SKU-1", "Widget", price)),
                event(AggregateId.product(product), 2, new ProductRestocked(product, 10)),
                event(AggregateId.order(order), 1, new OrderPlaced(order, customer,
                        List.of(new OrderLine(product, 3, price)), price.times(3))),
                event(AggregateId.product(product), 3, new StockReserved(product, order, 3)),
                event(AggregateId.order(order), 2, new OrderPaid(order, price.times(3))),
                event(AggregateId.order(order), 3, new OrderShipped(order))));

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

    private static StoredEvent event(AggregateId aggregate, long version, DomainEvent data) {
        return new StoredEvent(aggregate, version, UUID.randomUUID(), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                UUID.randomUUID(), EventItems.CURRENT_SCHEMA, data);
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
}
