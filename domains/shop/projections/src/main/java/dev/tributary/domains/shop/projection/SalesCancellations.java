package dev.tributary.domains.shop.projection;

import static dev.tributary.domains.shop.projection.jooq.Tables.CUSTOMER_STATS;
import static dev.tributary.domains.shop.projection.jooq.Tables.DAILY_SALES;
import static dev.tributary.domains.shop.projection.jooq.Tables.ORDERS;
import static dev.tributary.domains.shop.projection.jooq.Tables.ORDER_LINES;
import static dev.tributary.domains.shop.projection.jooq.Tables.PRODUCT_DAILY_SALES;
import static dev.tributary.domains.shop.projection.jooq.Tables.PRODUCT_SALES;

import dev.tributary.domains.shop.projection.jooq.tables.Orders;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Takes cancelled orders back out of the summaries: one update per table for all of a batch's
 * cancellations, reading what each order added from its {@code orders} and {@code order_lines} rows,
 * which never change once written. Each listed cancellation is taken out once.
 */
final class SalesCancellations {

    private static final Field<UUID> ORDER_ID = DSL.field(DSL.name("c", "order_id"), UUID.class);
    private static final Field<Long> NTH = DSL.field(DSL.name("c", "nth"), Long.class);

    private SalesCancellations() {
    }

    static List<Query> queries(DSLContext sql, List<UUID> orders) {
        var cancelled = DSL.unnest(DSL.val(orders.toArray(UUID[]::new))).withOrdinality().as("c", "order_id", "nth");
        return List.of(daily(sql, cancelled), customers(sql, cancelled), products(sql, cancelled), productDays(sql, cancelled));
    }

    private static Query daily(DSLContext sql, Table<?> cancelled) {
        var o = ORDERS.as("o");
        var day = utcDay(o);
        var perDay = DSL.select(day.as("day"), o.CURRENCY, DSL.count().as("orders"), DSL.sum(o.TOTAL_MINOR).as("revenue"))
                .from(cancelled).join(o).on(o.ORDER_ID.eq(ORDER_ID))
                .groupBy(day, o.CURRENCY)
                .asTable("t");
        return sql.update(DAILY_SALES)
                .set(DAILY_SALES.CANCELLED, DAILY_SALES.CANCELLED.plus(perDay.field("orders", Long.class)))
                .set(DAILY_SALES.REVENUE_MINOR, DAILY_SALES.REVENUE_MINOR.minus(perDay.field("revenue", Long.class)))
                .from(perDay)
                .where(DAILY_SALES.DAY.eq(perDay.field("day", LocalDate.class)))
                .and(DAILY_SALES.CURRENCY.eq(perDay.field(o.CURRENCY)));
    }

    private static Query customers(DSLContext sql, Table<?> cancelled) {
        var o = ORDERS.as("o");
        var perCustomer = DSL.select(o.CUSTOMER_ID, o.CURRENCY, DSL.count().as("orders"), DSL.sum(o.TOTAL_MINOR).as("spend"))
                .from(cancelled).join(o).on(o.ORDER_ID.eq(ORDER_ID))
                .groupBy(o.CUSTOMER_ID, o.CURRENCY)
                .asTable("t");
        return sql.update(CUSTOMER_STATS)
                .set(CUSTOMER_STATS.ORDERS, CUSTOMER_STATS.ORDERS.minus(perCustomer.field("orders", Long.class)))
                .set(CUSTOMER_STATS.LIFETIME_SPEND_MINOR, CUSTOMER_STATS.LIFETIME_SPEND_MINOR.minus(perCustomer.field("spend", Long.class)))
                .from(perCustomer)
                .where(CUSTOMER_STATS.CUSTOMER_ID.eq(perCustomer.field(o.CUSTOMER_ID)))
                .and(CUSTOMER_STATS.CURRENCY.eq(perCustomer.field(o.CURRENCY)));
    }

    /** An order counts once per product, however many of its lines list it. */
    private static Query products(DSLContext sql, Table<?> cancelled) {
        var perProduct = perProduct(cancelled, false);
        return sql.update(PRODUCT_SALES)
                .set(PRODUCT_SALES.ORDERS, PRODUCT_SALES.ORDERS.minus(perProduct.field("orders", Long.class)))
                .set(PRODUCT_SALES.UNITS, PRODUCT_SALES.UNITS.minus(perProduct.field("units", Long.class)))
                .set(PRODUCT_SALES.REVENUE_MINOR, PRODUCT_SALES.REVENUE_MINOR.minus(perProduct.field("revenue", Long.class)))
                .from(perProduct)
                .where(PRODUCT_SALES.PRODUCT_ID.eq(perProduct.field(ORDER_LINES.PRODUCT_ID)))
                .and(PRODUCT_SALES.CURRENCY.eq(perProduct.field(ORDERS.CURRENCY)));
    }

    /** The same per UTC day of placement. */
    private static Query productDays(DSLContext sql, Table<?> cancelled) {
        var perDay = perProduct(cancelled, true);
        return sql.update(PRODUCT_DAILY_SALES)
                .set(PRODUCT_DAILY_SALES.ORDERS, PRODUCT_DAILY_SALES.ORDERS.minus(perDay.field("orders", Long.class)))
                .set(PRODUCT_DAILY_SALES.UNITS, PRODUCT_DAILY_SALES.UNITS.minus(perDay.field("units", Long.class)))
                .set(PRODUCT_DAILY_SALES.REVENUE_MINOR, PRODUCT_DAILY_SALES.REVENUE_MINOR.minus(perDay.field("revenue", Long.class)))
                .from(perDay)
                .where(PRODUCT_DAILY_SALES.PRODUCT_ID.eq(perDay.field(ORDER_LINES.PRODUCT_ID)))
                .and(PRODUCT_DAILY_SALES.CURRENCY.eq(perDay.field(ORDERS.CURRENCY)))
                .and(PRODUCT_DAILY_SALES.DAY.eq(perDay.field("day", LocalDate.class)));
    }

    /**
     * What the cancelled orders added per product (and UTC day of placement, if {@code byDay}): orders,
     * each once however many of its lines list the product, units and revenue.
     */
    private static Table<?> perProduct(Table<?> cancelled, boolean byDay) {
        var o = ORDERS.as("o");
        var l = ORDER_LINES.as("l");
        var perOrder = DSL.select(NTH, l.ORDER_ID, l.PRODUCT_ID, DSL.sum(l.QUANTITY).as("units"),
                        DSL.sum(l.QUANTITY.times(l.UNIT_PRICE_MINOR)).as("revenue"))
                .from(cancelled).join(l).on(l.ORDER_ID.eq(ORDER_ID))
                .groupBy(NTH, l.ORDER_ID, l.PRODUCT_ID)
                .asTable("p");
        var keys = new ArrayList<Field<?>>(List.of(perOrder.field(l.PRODUCT_ID), o.CURRENCY));
        if (byDay) {
            keys.add(utcDay(o));
        }
        var columns = new ArrayList<SelectFieldOrAsterisk>(keys.subList(0, 2));
        if (byDay) {
            columns.add(utcDay(o).as("day"));
        }
        columns.addAll(List.of(DSL.count().as("orders"), DSL.sum(perOrder.field("units", Long.class)).as("units"),
                DSL.sum(perOrder.field("revenue", Long.class)).as("revenue")));
        return DSL.select(columns)
                .from(perOrder).join(o).on(o.ORDER_ID.eq(perOrder.field(l.ORDER_ID)))
                .groupBy(keys)
                .asTable("t");
    }

    /** The UTC day an order was placed on. */
    static Field<LocalDate> utcDay(Orders orders) {
        return DSL.cast(DSL.field("({0} AT TIME ZONE 'UTC')", OffsetDateTime.class, orders.PLACED_AT), LocalDate.class);
    }
}
