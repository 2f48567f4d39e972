package dev.tributary.projector.projection;

import static dev.tributary.readmodel.jooq.Tables.CUSTOMER_STATS;
import static dev.tributary.readmodel.jooq.Tables.DAILY_SALES;
import static dev.tributary.readmodel.jooq.Tables.ORDERS;
import static dev.tributary.readmodel.jooq.Tables.ORDER_LINES;
import static dev.tributary.readmodel.jooq.Tables.PRODUCT_SALES;

import dev.tributary.events.OrderEvent.OrderLine;
import dev.tributary.events.OrderEvent.OrderPlaced;
import dev.tributary.events.StoredEvent;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.impl.DSL;

/**
 * The summary tables: {@code daily_sales}, {@code customer_stats} and {@code product_sales}. A placed
 * order adds to them; a cancelled one takes its revenue, units and count back out (reading what it
 * took from {@code orders} and {@code order_lines}, written earlier in the same transaction or before).
 * Every statement is an increment, so the totals do not depend on the order of different aggregates.
 */
final class SalesProjection {

    private SalesProjection() {
    }

    static List<Query> placed(DSLContext sql, OrderPlaced placed, OffsetDateTime at) {
        String currency = placed.total().currency();
        long total = placed.total().minor();
        var queries = new ArrayList<Query>();
        queries.add(sql.insertInto(DAILY_SALES)
                .set(DAILY_SALES.DAY, at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate())
                .set(DAILY_SALES.CURRENCY, currency)
                .set(DAILY_SALES.ORDERS, 1L)
                .set(DAILY_SALES.REVENUE_MINOR, total)
                .onConflict(DAILY_SALES.DAY, DAILY_SALES.CURRENCY).doUpdate()
                .set(DAILY_SALES.ORDERS, DAILY_SALES.ORDERS.plus(1))
                .set(DAILY_SALES.REVENUE_MINOR, DAILY_SALES.REVENUE_MINOR.plus(total)));
        queries.add(sql.insertInto(CUSTOMER_STATS)
                .set(CUSTOMER_STATS.CUSTOMER_ID, placed.customerId())
                .set(CUSTOMER_STATS.CURRENCY, currency)
                .set(CUSTOMER_STATS.ORDERS, 1L)
                .set(CUSTOMER_STATS.LIFETIME_SPEND_MINOR, total)
                .set(CUSTOMER_STATS.FIRST_ORDER_AT, at)
                .set(CUSTOMER_STATS.LAST_ORDER_AT, at)
                .onConflict(CUSTOMER_STATS.CUSTOMER_ID, CUSTOMER_STATS.CURRENCY).doUpdate()
                .set(CUSTOMER_STATS.ORDERS, CUSTOMER_STATS.ORDERS.plus(1))
                .set(CUSTOMER_STATS.LIFETIME_SPEND_MINOR, CUSTOMER_STATS.LIFETIME_SPEND_MINOR.plus(total))
                .set(CUSTOMER_STATS.FIRST_ORDER_AT, DSL.least(CUSTOMER_STATS.FIRST_ORDER_AT, DSL.excluded(CUSTOMER_STATS.FIRST_ORDER_AT)))
                .set(CUSTOMER_STATS.LAST_ORDER_AT, DSL.greatest(CUSTOMER_STATS.LAST_ORDER_AT, DSL.excluded(CUSTOMER_STATS.LAST_ORDER_AT))));
        perProduct(placed.lines()).forEach((product, sold) -> queries.add(sql.insertInto(PRODUCT_SALES)
                .set(PRODUCT_SALES.PRODUCT_ID, product)
                .set(PRODUCT_SALES.CURRENCY, currency)
                .set(PRODUCT_SALES.ORDERS, 1L)
                .set(PRODUCT_SALES.UNITS, sold.units)
                .set(PRODUCT_SALES.REVENUE_MINOR, sold.revenue)
                .onConflict(PRODUCT_SALES.PRODUCT_ID, PRODUCT_SALES.CURRENCY).doUpdate()
                .set(PRODUCT_SALES.ORDERS, PRODUCT_SALES.ORDERS.plus(1))
                .set(PRODUCT_SALES.UNITS, PRODUCT_SALES.UNITS.plus(DSL.excluded(PRODUCT_SALES.UNITS)))
                .set(PRODUCT_SALES.REVENUE_MINOR, PRODUCT_SALES.REVENUE_MINOR.plus(DSL.excluded(PRODUCT_SALES.REVENUE_MINOR)))));
        return queries;
    }

    /** Runs before the order's row is marked cancelled, and only once per order (the position guard). */
    static List<Query> cancelled(DSLContext sql, StoredEvent stored) {
        UUID orderId = stored.aggregateId().id();
        var order = ORDERS.as("o");
        var lines = ORDER_LINES.as("l");
        var perProduct = DSL.select(lines.PRODUCT_ID, DSL.sum(lines.QUANTITY).as("units"),
                        DSL.sum(lines.QUANTITY.times(lines.UNIT_PRICE_MINOR)).as("revenue"))
                .from(lines)
                .where(lines.ORDER_ID.eq(orderId))
                .groupBy(lines.PRODUCT_ID)
                .asTable("p");
        return List.of(
                sql.update(DAILY_SALES)
                        .set(DAILY_SALES.CANCELLED, DAILY_SALES.CANCELLED.plus(1))
                        .set(DAILY_SALES.REVENUE_MINOR, DAILY_SALES.REVENUE_MINOR.minus(order.TOTAL_MINOR))
                        .from(order)
                        .where(order.ORDER_ID.eq(orderId))
                        .and(DAILY_SALES.DAY.eq(DSL.cast(DSL.field("({0} AT TIME ZONE 'UTC')", OffsetDateTime.class, order.PLACED_AT), java.time.LocalDate.class)))
                        .and(DAILY_SALES.CURRENCY.eq(order.CURRENCY)),
                sql.update(CUSTOMER_STATS)
                        .set(CUSTOMER_STATS.ORDERS, CUSTOMER_STATS.ORDERS.minus(1))
                        .set(CUSTOMER_STATS.LIFETIME_SPEND_MINOR, CUSTOMER_STATS.LIFETIME_SPEND_MINOR.minus(order.TOTAL_MINOR))
                        .from(order)
                        .where(order.ORDER_ID.eq(orderId))
                        .and(CUSTOMER_STATS.CUSTOMER_ID.eq(order.CUSTOMER_ID))
                        .and(CUSTOMER_STATS.CURRENCY.eq(order.CURRENCY)),
                sql.update(PRODUCT_SALES)
                        .set(PRODUCT_SALES.ORDERS, PRODUCT_SALES.ORDERS.minus(1))
                        .set(PRODUCT_SALES.UNITS, PRODUCT_SALES.UNITS.minus(perProduct.field("units", Long.class)))
                        .set(PRODUCT_SALES.REVENUE_MINOR, PRODUCT_SALES.REVENUE_MINOR.minus(perProduct.field("revenue", Long.class)))
                        .from(perProduct, order)
                        .where(order.ORDER_ID.eq(orderId))
                        .and(PRODUCT_SALES.PRODUCT_ID.eq(perProduct.field(lines.PRODUCT_ID)))
                        .and(PRODUCT_SALES.CURRENCY.eq(order.CURRENCY)));
    }

    /** An order may list a product on several lines; it counts once per order. */
    private static Map<UUID, Sold> perProduct(List<OrderLine> lines) {
        var sold = new LinkedHashMap<UUID, Sold>();
        for (OrderLine line : lines) {
            var entry = sold.computeIfAbsent(line.productId(), p -> new Sold());
            entry.units += line.quantity();
            entry.revenue += line.quantity() * line.unitPrice().minor();
        }
        return sold;
    }

    private static final class Sold {
        long units;
        long revenue;
    }
}
