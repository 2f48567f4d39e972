package dev.tributary.projector;


import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.embedded.LocalPostgres;
import dev.tributary.embedded.SharedLocalInfra;
import dev.tributary.events.AggregateId;
import dev.tributary.events.DomainEvent;
import dev.tributary.eventstore.EventItems;
import dev.tributary.events.Money;
import dev.tributary.domains.shop.events.OrderEvent.OrderCancelled;
import dev.tributary.domains.shop.events.OrderEvent.OrderDelivered;
import dev.tributary.domains.shop.events.OrderEvent.OrderPaid;
import dev.tributary.domains.shop.events.OrderEvent.OrderShipped;
import dev.tributary.domains.shop.events.OrderEvent.OrderLine;
import dev.tributary.domains.shop.events.OrderEvent.OrderPlaced;
import dev.tributary.events.StoredEvent;
import dev.tributary.projector.projection.Projection;
import dev.tributary.projector.projection.ProjectedBatch;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SummariesIT {

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
    void increments_of_one_key_within_a_batch_are_summed_into_one_upsert_with_the_same_result() throws Exception {
        Instant day = Instant.parse("2001-01-01T08:00:00Z").plus(ThreadLocalRandom.current().nextInt(5_000), ChronoUnit.DAYS);
        var batched = new Shop("NOK", day);
        var oneByOne = new Shop("DKK", day);

        projection.apply(new ProjectedBatch("shard-summed", "1", day, batched.earlier()));
        projection.apply(new ProjectedBatch("shard-summed", "2", day, batched.later()));
        for (StoredEvent event : concat(oneByOne.earlier(), oneByOne.later())) {
            projection.apply(new ProjectedBatch("shard-one-by-one", event.eventId().toString(), day, List.of(event)));
        }

        try (var c = ProjectorFixture.postgres()) {
            assertThat(summaries(c, batched)).isEqualTo(summaries(c, oneByOne));
            assertThat(summaries(c, batched)).containsExactly(
                    "day: 3 orders, 2 cancelled, revenue 500",
                    "customer: 1 orders, spend 500, first 08:00, last 10:00",
                    "product a: 1 orders, 4 units, revenue 400",
                    "product b: 1 orders, 1 units, revenue 100",
                    "product a on its day: 1 orders, 4 units, revenue 400",
                    "product b on its day: 1 orders, 1 units, revenue 100");
        }
    }

    @Test
    void recent_customer_and_product_sums_follow_their_window_through_late_orders_cancellations_and_a_window_that_moves()
            throws Exception {
        Instant base = Instant.parse("2101-01-01T10:00:00Z").plus(ThreadLocalRandom.current().nextInt(5_000), ChronoUnit.DAYS);
        var batched = new RecentShop("ISK", base);
        var oneByOne = new RecentShop("ISJ", base);

        projection.apply(new ProjectedBatch("shard-recent", "1", base, batched.first()));
        Instant midnight = base.truncatedTo(ChronoUnit.DAYS);
        assertThat(batched.window()).as("the midnight (UTC) 29 days before the newest order's day, 20")
                .isEqualTo(midnight.minus(9, ChronoUnit.DAYS));
        assertThat(batched.recent()).isEqualTo(batched.fromOrders()).containsExactly("a: 2 orders, 300", "b: 2 orders, 350");
        assertThat(batched.recentProducts()).isEqualTo(batched.productsFromOrders())
                .containsExactly("p: 2 orders, 2 units, 300", "q: 2 orders, 2 units, 350");

        projection.apply(new ProjectedBatch("shard-recent", "2", base, batched.second()));
        assertThat(batched.window()).as("an order on day 40 moves it to the start of day 11").isEqualTo(midnight.plus(11, ChronoUnit.DAYS));
        assertThat(batched.recent()).as("a's orders left the window, one of them cancelled as it left; d's was cancelled in its own batch")
                .isEqualTo(batched.fromOrders()).containsExactly("b: 1 orders, 50", "c: 1 orders, 1000");
        assertThat(batched.recentProducts()).isEqualTo(batched.productsFromOrders())
                .containsExactly("p: 1 orders, 1 units, 1000", "q: 1 orders, 1 units, 50");

        projection.apply(new ProjectedBatch("shard-recent", "3", base, batched.third()));
        assertThat(batched.recent()).as("c cancelled; b's cancelled order had already left")
                .isEqualTo(batched.fromOrders()).containsExactly("b: 1 orders, 50", "e: 1 orders, 10");
        assertThat(batched.recentProducts()).as("c's order of p cancelled; e's order lists p twice and counts once")
                .isEqualTo(batched.productsFromOrders()).containsExactly("p: 1 orders, 3 units, 10", "q: 1 orders, 1 units, 50");

        var events = concat(concat(oneByOne.first(), oneByOne.second()), oneByOne.third());
        for (StoredEvent event : events) {
            projection.apply(new ProjectedBatch("shard-recent-one-by-one", event.eventId().toString(), base, List.of(event)));
        }
        assertThat(oneByOne.window()).isEqualTo(batched.window());
        assertThat(oneByOne.recent()).as("one event per batch, the same rows").isEqualTo(batched.recent());
        assertThat(oneByOne.recentProducts()).as("one event per batch, the same rows").isEqualTo(batched.recentProducts());
    }

    @Test
    void daily_order_status_moves_each_order_to_its_status_whatever_the_batching() throws Exception {
        Instant base = Instant.parse("2201-01-01T22:00:00Z").plus(ThreadLocalRandom.current().nextInt(5_000) * 10L, ChronoUnit.DAYS);
        var batched = new StatusShop(base);
        var oneByOne = new StatusShop(base.plus(5, ChronoUnit.DAYS));

        projection.apply(new ProjectedBatch("shard-status", "1", base, batched.first()));
        assertThat(batched.counts()).isEqualTo(batched.fromOrders())
                .containsExactly("day 0: 1 paid", "day 0: 2 placed", "day 1: 1 placed");
        projection.apply(new ProjectedBatch("shard-status", "2", base, batched.second()));
        assertThat(batched.counts()).as("no row is left at zero").isEqualTo(batched.fromOrders())
                .containsExactly("day 0: 1 cancelled", "day 0: 1 paid", "day 0: 1 shipped", "day 1: 1 delivered", "day 2: 1 paid");

        for (StoredEvent event : concat(oneByOne.first(), oneByOne.second())) {
            projection.apply(new ProjectedBatch("shard-status-one-by-one", event.eventId().toString(), base, List.of(event)));
        }
        assertThat(oneByOne.counts()).as("one event per batch, the same rows").isEqualTo(batched.counts());
    }

    /** Five orders on three days, taken through their statuses in two batches, some in one batch. */
    private record StatusShop(Instant base, List<UUID> orders) {

        StatusShop(Instant base) {
            this(base, List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()));
        }

        List<StoredEvent> first() {
            return List.of(placed(0, 0), placed(1, 0), placed(2, 0), status(2, 2, new OrderPaid(orders.get(2), new Money(100, "XST")), 0), placed(3, 1));
        }

        /** Order 0 paid and shipped, 1 cancelled, 2 stays paid, 3 paid, shipped and delivered, 4 placed and paid. */
        List<StoredEvent> second() {
            return List.of(status(0, 2, new OrderPaid(orders.get(0), new Money(100, "XST")), 2), status(0, 3, new OrderShipped(orders.get(0)), 2),
                    status(1, 2, new OrderCancelled(orders.get(1), "changed my mind"), 2),
                    status(3, 2, new OrderPaid(orders.get(3), new Money(100, "XST")), 2), status(3, 3, new OrderShipped(orders.get(3)), 2),
                    status(3, 4, new OrderDelivered(orders.get(3)), 3),
                    placed(4, 2), status(4, 2, new OrderPaid(orders.get(4), new Money(100, "XST")), 2));
        }

        List<String> counts() throws Exception {
            return rows("SELECT day - ?::date, status, orders FROM daily_order_status WHERE day BETWEEN ?::date AND ?::date + 2");
        }

        /** What the table must hold: the orders of those days, counted per day of placement and status now. */
        List<String> fromOrders() throws Exception {
            return rows("SELECT d - ?::date, status, count(*) FROM (SELECT (placed_at AT TIME ZONE 'UTC')::date AS d, status FROM orders) o "
                    + "WHERE d BETWEEN ?::date AND ?::date + 2 GROUP BY 1, 2");
        }

        private List<String> rows(String sql) throws Exception {
            String day = base.toString().substring(0, 10);
            return sortedRows(sql, List.of(day, day, day), row -> "day " + row.getInt(1) + ": " + row.getLong(3) + " " + row.getString(2));
        }

        private StoredEvent placed(int order, int day) {
            return status(order, 1, placedWithOneLine(orders.get(order), UUID.randomUUID(), 100, "XST"), day);
        }

        private StoredEvent status(int order, long version, DomainEvent data, int day) {
            return orderEvent(orders.get(order), version, data, base.plus(day, ChronoUnit.DAYS).plus(version, ChronoUnit.MINUTES));
        }
    }

    /**
     * Customers a to e ordering products p and q over 41 days, in three batches; the same customers and
     * products in every currency. Each order has one line of one unit, but e's, which has two lines of p.
     */
    private record RecentShop(String currency, Instant base, List<UUID> orders) {

        private static final List<UUID> CUSTOMERS = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID());
        private static final List<UUID> PRODUCTS = List.of(UUID.randomUUID(), UUID.randomUUID());
        /** The product of each order's lines. */
        private static final String PRODUCT_OF = "ppqqpqpp";

        RecentShop(String currency, Instant base) {
            this(currency, base, List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                    UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()));
        }

        List<StoredEvent> first() {
            return List.of(placed(0, 'a', 100, 0), placed(1, 'a', 200, 5), placed(2, 'b', 300, 6), placed(3, 'b', 50, 20));
        }

        /** c's order moves the window past a's and b's first orders; a's second is cancelled; d's order is placed and cancelled; a late order of a. */
        List<StoredEvent> second() {
            return List.of(placed(4, 'c', 1000, 40), cancelled(1, 40), placed(5, 'd', 70, 35), cancelled(5, 40), placed(6, 'a', 500, 2));
        }

        List<StoredEvent> third() {
            return List.of(cancelled(4, 41), cancelled(2, 41), placed(7, 'e', 10, 41));
        }

        Instant window() throws Exception {
            try (var c = ProjectorFixture.postgres();
                 var statement = c.prepareStatement("SELECT window_start FROM recent_window WHERE currency = ? AND previous_start = window_start")) {
                statement.setString(1, currency);
                var rows = statement.executeQuery();
                return rows.next() ? rows.getTimestamp(1).toInstant() : null;
            }
        }

        List<String> recent() throws Exception {
            return rows("SELECT customer_id, orders, spend_minor FROM recent_customer_spend WHERE currency = ?");
        }

        List<String> recentProducts() throws Exception {
            return productRows("SELECT product_id, orders, units, revenue_minor FROM recent_product_sales WHERE currency = ?");
        }

        /** What the table must hold: the lines of the orders since the window start, not cancelled. */
        List<String> productsFromOrders() throws Exception {
            return productRows("SELECT l.product_id, count(DISTINCT o.order_id), sum(l.quantity), sum(l.quantity * l.unit_price_minor) "
                    + "FROM orders o JOIN recent_window w USING (currency) JOIN order_lines l USING (order_id) "
                    + "WHERE currency = ? AND o.placed_at >= w.window_start AND o.status <> 'cancelled' GROUP BY l.product_id");
        }

        private List<String> productRows(String sql) throws Exception {
            return sortedRows(sql, List.of(currency), row -> (char) ('p' + PRODUCTS.indexOf(row.getObject(1, UUID.class))) + ": "
                    + row.getLong(2) + " orders, " + row.getLong(3) + " units, " + row.getLong(4));
        }

        /** What the table must hold: the orders since the window start, not cancelled. */
        List<String> fromOrders() throws Exception {
            return rows("SELECT customer_id, count(*), sum(total_minor) FROM orders o JOIN recent_window w USING (currency) "
                    + "WHERE currency = ? AND o.placed_at >= w.window_start AND o.status <> 'cancelled' GROUP BY customer_id");
        }

        private List<String> rows(String sql) throws Exception {
            return sortedRows(sql, List.of(currency), row -> (char) ('a' + CUSTOMERS.indexOf(row.getObject(1, UUID.class))) + ": "
                    + row.getLong(2) + " orders, " + row.getLong(3));
        }

        private StoredEvent placed(int order, char customer, long total, int day) {
            var id = orders.get(order);
            var product = PRODUCTS.get(PRODUCT_OF.charAt(order) - 'p');
            var lines = customer == 'e'
                    ? List.of(new OrderLine(product, 1, new Money(total - 6, currency)), new OrderLine(product, 2, new Money(3, currency)))
                    : List.of(new OrderLine(product, 1, new Money(total, currency)));
            return orderEvent(id, 1, new OrderPlaced(id, CUSTOMERS.get(customer - 'a'), lines, new Money(total, currency)),
                    base.plus(day, ChronoUnit.DAYS));
        }

        private StoredEvent cancelled(int order, int day) {
            var id = orders.get(order);
            return orderEvent(id, 2, new OrderCancelled(id, "changed my mind"), base.plus(day, ChronoUnit.DAYS));
        }
    }

    /**
     * One customer's orders of two products on one day: an order placed in an earlier batch and cancelled
     * in the later one, and in the later one two more orders of the same keys, one of them cancelled too.
     */
    private record Shop(String currency, Instant day, UUID customer, UUID a, UUID b, UUID first, UUID second, UUID third) {

        Shop(String currency, Instant day) {
            this(currency, day, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                    UUID.randomUUID(), UUID.randomUUID());
        }

        List<StoredEvent> earlier() {
            return List.of(placed(first, 0, new OrderLine(a, 1, price()), new OrderLine(a, 2, price())));
        }

        List<StoredEvent> later() {
            return List.of(
                    placed(second, 1, new OrderLine(a, 4, price()), new OrderLine(b, 1, price())),
                    placed(third, 2, new OrderLine(b, 5, price())),
                    event(dev.tributary.domains.shop.events.Shop.order(first), 2, new OrderCancelled(first, "changed my mind"), 3),
                    event(dev.tributary.domains.shop.events.Shop.order(third), 2, new OrderCancelled(third, "too slow"), 3));
        }

        private Money price() {
            return new Money(100, currency);
        }

        private StoredEvent placed(UUID order, int hour, OrderLine... lines) {
            long total = 0;
            for (OrderLine line : lines) {
                total += line.quantity() * line.unitPrice().minor();
            }
            return event(dev.tributary.domains.shop.events.Shop.order(order), 1, new OrderPlaced(order, customer, List.of(lines), new Money(total, currency)), hour);
        }

        private StoredEvent event(AggregateId aggregate, long version, DomainEvent data, int hour) {
            return orderEvent(aggregate.id(), version, data, day.plus(hour, ChronoUnit.HOURS));
        }
    }

    private static List<String> summaries(Connection c, Shop shop) throws Exception {
        var lines = new ArrayList<String>();
        var daily = c.prepareStatement("SELECT orders, cancelled, revenue_minor FROM daily_sales WHERE currency = ? AND day = ?::date");
        daily.setString(1, shop.currency());
        daily.setString(2, shop.day().toString().substring(0, 10));
        var rows = daily.executeQuery();
        while (rows.next()) {
            lines.add("day: %d orders, %d cancelled, revenue %d".formatted(rows.getLong(1), rows.getLong(2), rows.getLong(3)));
        }
        var customer = c.prepareStatement("SELECT orders, lifetime_spend_minor, to_char(first_order_at AT TIME ZONE 'UTC', 'HH24:MI'), "
                + "to_char(last_order_at AT TIME ZONE 'UTC', 'HH24:MI') FROM customer_stats WHERE customer_id = ?");
        customer.setObject(1, shop.customer());
        rows = customer.executeQuery();
        while (rows.next()) {
            lines.add("customer: %d orders, spend %d, first %s, last %s".formatted(rows.getLong(1), rows.getLong(2),
                    rows.getString(3), rows.getString(4)));
        }
        for (var product : List.of(shop.a(), shop.b())) {
            var sales = c.prepareStatement("SELECT orders, units, revenue_minor FROM product_sales WHERE product_id = ?");
            sales.setObject(1, product);
            rows = sales.executeQuery();
            while (rows.next()) {
                lines.add("product %s: %d orders, %d units, revenue %d".formatted(product.equals(shop.a()) ? "a" : "b",
                        rows.getLong(1), rows.getLong(2), rows.getLong(3)));
            }
        }
        for (var product : List.of(shop.a(), shop.b())) {
            var days = c.prepareStatement("SELECT day, orders, units, revenue_minor FROM product_daily_sales WHERE product_id = ? ORDER BY day");
            days.setObject(1, product);
            rows = days.executeQuery();
            while (rows.next()) {
                lines.add("product %s on %s: %d orders, %d units, revenue %d".formatted(product.equals(shop.a()) ? "a" : "b",
                        rows.getDate(1).toLocalDate().equals(shop.day().atOffset(java.time.ZoneOffset.UTC).toLocalDate()) ? "its day" : rows.getString(1),
                        rows.getLong(2), rows.getLong(3), rows.getLong(4)));
            }
        }
        return lines;
    }

    /** An order's event at {@code version}, at {@code at}. */
    private static StoredEvent orderEvent(UUID order, long version, DomainEvent data, Instant at) {
        return new StoredEvent(dev.tributary.domains.shop.events.Shop.order(order), version, UUID.randomUUID(), at, UUID.randomUUID(), data);
    }

    /** An order of one unit of a new product, for {@code total}. */
    private static OrderPlaced placedWithOneLine(UUID order, UUID customer, long total, String currency) {
        var price = new Money(total, currency);
        return new OrderPlaced(order, customer, List.of(new OrderLine(UUID.randomUUID(), 1, price)), price);
    }

    /** The rows of a query, each as {@code format} writes it, sorted. */
    private static List<String> sortedRows(String sql, List<String> parameters, RowFormat format) throws Exception {
        try (var c = ProjectorFixture.postgres(); var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setString(i + 1, parameters.get(i));
            }
            var rows = statement.executeQuery();
            var lines = new ArrayList<String>();
            while (rows.next()) {
                lines.add(format.apply(rows));
            }
            lines.sort(null);
            return lines;
        }
    }

    private interface RowFormat {
        String apply(java.sql.ResultSet row) throws java.sql.SQLException;
    }

    private static List<StoredEvent> concat(List<StoredEvent> first, List<StoredEvent> second) {
        var all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
