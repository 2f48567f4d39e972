package dev.tributary.projector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.events.AggregateId;
import dev.tributary.events.DomainEvent;
import dev.tributary.events.EventItems;
import dev.tributary.events.Money;
import dev.tributary.events.OrderEvent.OrderCancelled;
import dev.tributary.events.OrderEvent.OrderLine;
import dev.tributary.events.OrderEvent.OrderPlaced;
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
                    event(AggregateId.order(first), 2, new OrderCancelled(first, "changed my mind"), 3),
                    event(AggregateId.order(third), 2, new OrderCancelled(third, "too slow"), 3));
        }

        private Money price() {
            return new Money(100, currency);
        }

        private StoredEvent placed(UUID order, int hour, OrderLine... lines) {
            long total = 0;
            for (OrderLine line : lines) {
                total += line.quantity() * line.unitPrice().minor();
            }
            return event(AggregateId.order(order), 1, new OrderPlaced(order, customer, List.of(lines), new Money(total, currency)), hour);
        }

        private StoredEvent event(AggregateId aggregate, long version, DomainEvent data, int hour) {
            return new StoredEvent(aggregate, version, UUID.randomUUID(), day.plus(hour, ChronoUnit.HOURS), UUID.randomUUID(),
                    EventItems.CURRENT_SCHEMA, data);
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

    private static List<StoredEvent> concat(List<StoredEvent> first, List<StoredEvent> second) {
        var all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
