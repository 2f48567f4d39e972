package dev.tributary.domains.shop.projection;

import static dev.tributary.domains.shop.projection.jooq.Tables.ORDERS;
import static dev.tributary.domains.shop.projection.jooq.Tables.ORDER_LINES;
import static dev.tributary.domains.shop.projection.jooq.Tables.RECENT_CUSTOMER_SPEND;
import static dev.tributary.domains.shop.projection.jooq.Tables.RECENT_PRODUCT_SALES;
import static dev.tributary.domains.shop.projection.jooq.Tables.RECENT_WINDOW;

import dev.tributary.domains.shop.projection.jooq.tables.Orders;
import dev.tributary.domains.shop.projection.jooq.tables.RecentWindow;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Keeps the recent sums: {@code recent_customer_spend}, per customer and currency, and
 * {@code recent_product_sales}, per product and currency, over the orders placed since the currency's
 * {@code recent_window.window_start} and not cancelled. The window holds {@value #DAYS} UTC calendar
 * days: the day of the newest order placed in the currency and the {@value #DAYS} - 1 before it, so it
 * starts at a midnight, UTC. It only moves forward, so the rows depend on the orders alone: a rebuild
 * from the same events reaches the same. The first order of a new UTC day moves it by a day, and that
 * batch takes out the orders of the day that left.
 *
 * <p>Why whole days: the dashboard's "last 30 days" asks from the midnight 29 days before today (UTC),
 * which is where the window starts while the shop takes orders today. The report then reads the top
 * rows and takes nothing out. A window of 30 times 24 hours before the newest order started up to a
 * day earlier, and the report summed the order lines of that stretch on every ask: 24 ms at 100,000
 * orders for 20 hours of orders, most of the report's time.
 *
 * <p>Runs after the batch's other statements, when {@code orders} holds every order the batch placed
 * or cancelled. Per batch:
 * <ol>
 *   <li>the windows of the batch's currencies are locked and moved to their new start, keeping the old
 *       one in {@code previous_start}. Every batch that changes the tables takes these row locks first
 *       and holds them to its commit, so a batch on another shard never sums against a window that is
 *       moving under it;</li>
 *   <li>one upsert per table adds the batch's placed orders still in the window and not cancelled,
 *       takes out its cancellations of earlier orders in the window, and takes out the earlier orders
 *       the window has just left, unless they were cancelled before this batch (then they were taken
 *       out already), in key order;</li>
 *   <li>{@code previous_start} catches up, and customers and products left with no recent order lose
 *       their row.</li>
 * </ol>
 */
final class RecentSales {

    /** How many UTC days the window holds, the newest order's included: the dashboard's "last 30 days". */
    static final int DAYS = 30;

    private static final Field<UUID> PLACED_ID = DSL.field(DSL.name("p", "order_id"), UUID.class);
    private static final Field<UUID> CANCELLED_ID = DSL.field(DSL.name("c", "order_id"), UUID.class);
    private static final Field<OffsetDateTime> MINUS_INFINITY = DSL.field("'-infinity'::timestamptz", SQLDataType.TIMESTAMPWITHTIMEZONE);

    private RecentSales() {
    }

    static List<Query> queries(DSLContext sql, Collection<UUID> placed, List<UUID> cancelled) {
        var placedIds = DSL.val(placed.toArray(UUID[]::new), SQLDataType.UUID.array());
        var cancelledIds = DSL.val(cancelled.toArray(UUID[]::new), SQLDataType.UUID.array());
        return List.of(moveWindows(sql, placedIds, cancelledIds),
                customers(sql, changedOrders(placedIds, cancelledIds)),
                products(sql, changedOrders(placedIds, cancelledIds)),
                sql.update(RECENT_WINDOW).set(RECENT_WINDOW.PREVIOUS_START, RECENT_WINDOW.WINDOW_START)
                        .where(RECENT_WINDOW.PREVIOUS_START.ne(RECENT_WINDOW.WINDOW_START)),
                sql.deleteFrom(RECENT_CUSTOMER_SPEND).where(RECENT_CUSTOMER_SPEND.ORDERS.eq(0L)),
                sql.deleteFrom(RECENT_PRODUCT_SALES).where(RECENT_PRODUCT_SALES.ORDERS.eq(0L)));
    }

    /** Locks (or creates) the window of each currency the batch touches, and moves it to the batch's newest order. */
    private static Query moveWindows(DSLContext sql, Field<UUID[]> placed, Field<UUID[]> cancelled) {
        var o = ORDERS.as("o");
        var start = DSL.coalesce(DSL.max(windowStartFor(o)).filterWhere(o.ORDER_ID.eq(DSL.any(placed))), MINUS_INFINITY);
        var touched = DSL.select(o.CURRENCY, start, start)
                .from(o)
                .where(o.ORDER_ID.eq(DSL.any(DSL.field("{0} || {1}", SQLDataType.UUID.array(), placed, cancelled))))
                .groupBy(o.CURRENCY)
                .orderBy(o.CURRENCY);
        return sql.insertInto(RECENT_WINDOW, RECENT_WINDOW.CURRENCY, RECENT_WINDOW.WINDOW_START, RECENT_WINDOW.PREVIOUS_START)
                .select(touched)
                .onConflict(RECENT_WINDOW.CURRENCY).doUpdate()
                .set(RECENT_WINDOW.PREVIOUS_START, RECENT_WINDOW.WINDOW_START)
                .set(RECENT_WINDOW.WINDOW_START, DSL.greatest(RECENT_WINDOW.WINDOW_START, DSL.excluded(RECENT_WINDOW.WINDOW_START)));
    }

    /**
     * The orders whose recent sums this batch changes, each once: {@code +1} for a placed order still in
     * the window and not cancelled; {@code -1} for a cancellation of an earlier order in the window, and
     * for an earlier order the window has just left, unless it was cancelled before this batch (then it
     * was taken out already). Columns: order_id, customer_id, currency, total_minor, sign.
     */
    private static Table<?> changedOrders(Field<UUID[]> placed, Field<UUID[]> cancelled) {
        var o = ORDERS.as("o");
        RecentWindow w = RECENT_WINDOW.as("w");
        var added = DSL.select(o.ORDER_ID, o.CUSTOMER_ID, o.CURRENCY, o.TOTAL_MINOR, DSL.inline(1L).as("sign"))
                .from(DSL.unnest(placed).as("p", "order_id"))
                .join(o).on(o.ORDER_ID.eq(PLACED_ID))
                .join(w).on(w.CURRENCY.eq(o.CURRENCY))
                .where(o.PLACED_AT.ge(w.WINDOW_START))
                .and(o.STATUS.ne("cancelled"));
        var takenBack = DSL.select(o.ORDER_ID, o.CUSTOMER_ID, o.CURRENCY, o.TOTAL_MINOR, DSL.inline(-1L))
                .from(DSL.unnest(cancelled).as("c", "order_id"))
                .join(o).on(o.ORDER_ID.eq(CANCELLED_ID))
                .join(w).on(w.CURRENCY.eq(o.CURRENCY))
                .where(o.PLACED_AT.ge(w.WINDOW_START))
                .and(o.ORDER_ID.ne(DSL.all(placed)));
        // Lateral, so each moved window reads only its own stretch of orders by placed_at, whatever the
        // planner guesses about recent_window's size.
        var gone = DSL.lateral(DSL.select(o.ORDER_ID, o.CUSTOMER_ID, o.CURRENCY, o.TOTAL_MINOR, DSL.inline(-1L).as("sign"))
                .from(o)
                .where(o.CURRENCY.eq(w.CURRENCY)).and(o.PLACED_AT.ge(w.PREVIOUS_START)).and(o.PLACED_AT.lt(w.WINDOW_START))
                .and(o.ORDER_ID.ne(DSL.all(placed)))
                .and(o.STATUS.ne("cancelled").or(o.ORDER_ID.eq(DSL.any(cancelled))))).as("gone");
        var left = DSL.select(gone.field(o.ORDER_ID), gone.field(o.CUSTOMER_ID), gone.field(o.CURRENCY), gone.field(o.TOTAL_MINOR),
                        gone.field("sign", Long.class))
                .from(w).crossJoin(gone)
                .where(w.WINDOW_START.gt(w.PREVIOUS_START));
        return added.unionAll(takenBack).unionAll(left).asTable("d", "order_id", "customer_id", "currency", "total_minor", "sign");
    }

    /** Adds the changed orders to their customers' recent spend, in key order. */
    private static Query customers(DSLContext sql, Table<?> changes) {
        var customer = changes.field("customer_id", UUID.class);
        var currency = changes.field("currency", String.class);
        var sign = changes.field("sign", Long.class);
        var r = RECENT_CUSTOMER_SPEND;
        return sql.insertInto(r, r.CUSTOMER_ID, r.CURRENCY, r.ORDERS, r.SPEND_MINOR)
                .select(DSL.select(customer, currency, DSL.sum(sign).cast(SQLDataType.BIGINT),
                                DSL.sum(sign.times(changes.field("total_minor", Long.class))).cast(SQLDataType.BIGINT))
                        .from(changes)
                        .groupBy(customer, currency)
                        .orderBy(customer, currency))
                .onConflict(r.CUSTOMER_ID, r.CURRENCY).doUpdate()
                .set(r.ORDERS, r.ORDERS.plus(DSL.excluded(r.ORDERS)))
                .set(r.SPEND_MINOR, r.SPEND_MINOR.plus(DSL.excluded(r.SPEND_MINOR)));
    }

    /**
     * Adds the changed orders' lines to their products' recent sales, in key order: an order counts once
     * for each product it holds, however many of its lines list it.
     */
    private static Query products(DSLContext sql, Table<?> changes) {
        var orderId = changes.field("order_id", UUID.class);
        var currency = changes.field("currency", String.class);
        var sign = changes.field("sign", Long.class);
        var l = ORDER_LINES.as("l");
        // Lateral, so each changed order's lines are read through order_lines' key: joined as a set, the
        // planner hashed the whole table, over a second a batch at a million orders.
        var lines = DSL.lateral(DSL.select(l.PRODUCT_ID, DSL.sum(l.QUANTITY).cast(SQLDataType.BIGINT).as("units"),
                        DSL.sum(l.QUANTITY.times(l.UNIT_PRICE_MINOR)).cast(SQLDataType.BIGINT).as("revenue_minor"))
                .from(l)
                .where(l.ORDER_ID.eq(orderId))
                .groupBy(l.PRODUCT_ID)).as("ol");
        var perOrder = DSL.select(lines.field(l.PRODUCT_ID), currency, sign, lines.field("units", Long.class),
                        lines.field("revenue_minor", Long.class))
                .from(changes).crossJoin(lines)
                .asTable("po");
        var product = perOrder.field(l.PRODUCT_ID);
        var productCurrency = perOrder.field(currency);
        var productSign = perOrder.field(sign);
        var r = RECENT_PRODUCT_SALES;
        return sql.insertInto(r, r.PRODUCT_ID, r.CURRENCY, r.ORDERS, r.UNITS, r.REVENUE_MINOR)
                .select(DSL.select(product, productCurrency, DSL.sum(productSign).cast(SQLDataType.BIGINT),
                                DSL.sum(productSign.times(perOrder.field("units", Long.class))).cast(SQLDataType.BIGINT),
                                DSL.sum(productSign.times(perOrder.field("revenue_minor", Long.class))).cast(SQLDataType.BIGINT))
                        .from(perOrder)
                        .groupBy(product, productCurrency)
                        .orderBy(product, productCurrency))
                .onConflict(r.PRODUCT_ID, r.CURRENCY).doUpdate()
                .set(r.ORDERS, r.ORDERS.plus(DSL.excluded(r.ORDERS)))
                .set(r.UNITS, r.UNITS.plus(DSL.excluded(r.UNITS)))
                .set(r.REVENUE_MINOR, r.REVENUE_MINOR.plus(DSL.excluded(r.REVENUE_MINOR)));
    }

    /**
     * Where the window starts when this order is the newest: at the midnight, UTC, {@value #DAYS} - 1 days
     * before the order's UTC day. Computed in UTC wall time, so the session's time zone plays no part.
     */
    private static Field<OffsetDateTime> windowStartFor(Orders orders) {
        return DSL.field("((date_trunc('day', {0} AT TIME ZONE 'UTC') - {1} * interval '1 day') AT TIME ZONE 'UTC')",
                SQLDataType.TIMESTAMPWITHTIMEZONE, orders.PLACED_AT, DSL.inline(DAYS - 1));
    }
}
