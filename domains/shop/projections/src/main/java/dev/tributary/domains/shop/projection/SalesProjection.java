package dev.tributary.domains.shop.projection;

import dev.tributary.readmodel.projection.Shape;

import static dev.tributary.domains.shop.projection.jooq.Tables.CUSTOMER_STATS;
import static dev.tributary.domains.shop.projection.jooq.Tables.DAILY_SALES;
import static dev.tributary.domains.shop.projection.jooq.Tables.PRODUCT_DAILY_SALES;
import static dev.tributary.domains.shop.projection.jooq.Tables.PRODUCT_SALES;

import dev.tributary.domains.shop.events.OrderEvent.OrderLine;
import dev.tributary.domains.shop.events.OrderEvent.OrderPlaced;
import dev.tributary.readmodel.projection.Shape.Column;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The summary tables, {@code daily_sales}, {@code customer_stats}, {@code product_sales} and
 * {@code product_daily_sales}, summed over a batch, {@code recent_customer_spend} and
 * {@code recent_product_sales} ({@link RecentSales}) and {@code daily_order_status} ({@link StatusCounts}). A placed order adds to them; a cancelled one
 * takes its revenue, units and count back out, reading what it took from {@code orders} and
 * {@code order_lines}.
 *
 * <p>Every effect is an increment (or a least/greatest), so it does not depend on the order of the
 * events: the placed orders of a batch are summed per row in memory and written as one set-based
 * upsert per table ({@link Shape}), each row once; the cancelled ones as one set-based update per
 * table. Both run after the batch's other statements, when every cancelled order's rows exist. One
 * instance per batch.
 */
final class SalesProjection {

    private static final Column<String> CURRENCY = new Column<>("currency", SQLDataType.CLOB);
    private static final Column<Long> ORDERS = new Column<>("orders", SQLDataType.BIGINT);
    private static final Column<Long> REVENUE = new Column<>("revenue_minor", SQLDataType.BIGINT);
    private static final Column<UUID> CUSTOMER = new Column<>("customer_id", SQLDataType.UUID);
    private static final Column<OffsetDateTime> FIRST = new Column<>("first_order_at", SQLDataType.TIMESTAMPWITHTIMEZONE);
    private static final Column<OffsetDateTime> LAST = new Column<>("last_order_at", SQLDataType.TIMESTAMPWITHTIMEZONE);

    private static final Shape DAILY = summed("daily sales", DAILY_SALES, List.of(DAILY_SALES.DAY, DAILY_SALES.CURRENCY),
            List.of(DAILY_SALES.ORDERS, DAILY_SALES.REVENUE_MINOR));
    private static final Shape PRODUCTS = summed("product sales", PRODUCT_SALES, List.of(PRODUCT_SALES.PRODUCT_ID, PRODUCT_SALES.CURRENCY),
            List.of(PRODUCT_SALES.ORDERS, PRODUCT_SALES.UNITS, PRODUCT_SALES.REVENUE_MINOR));
    private static final Shape PRODUCT_DAYS = summed("product daily sales", PRODUCT_DAILY_SALES,
            List.of(PRODUCT_DAILY_SALES.DAY, PRODUCT_DAILY_SALES.PRODUCT_ID, PRODUCT_DAILY_SALES.CURRENCY),
            List.of(PRODUCT_DAILY_SALES.ORDERS, PRODUCT_DAILY_SALES.UNITS, PRODUCT_DAILY_SALES.REVENUE_MINOR));
    /** Like {@link #summed}, but the first and last order are the least and the greatest. */
    private static final Shape CUSTOMERS = Shape.of("customer stats", List.of(CUSTOMER, CURRENCY, ORDERS, REVENUE, FIRST, LAST), (db, v) -> db
            .insertInto(CUSTOMER_STATS, CUSTOMER_STATS.CUSTOMER_ID, CUSTOMER_STATS.CURRENCY, CUSTOMER_STATS.ORDERS,
                    CUSTOMER_STATS.LIFETIME_SPEND_MINOR, CUSTOMER_STATS.FIRST_ORDER_AT, CUSTOMER_STATS.LAST_ORDER_AT)
            .select(DSL.select(v.get(CUSTOMER), v.get(CURRENCY), v.get(ORDERS), v.get(REVENUE), v.get(FIRST), v.get(LAST)).from(v.table()))
            .onConflict(CUSTOMER_STATS.CUSTOMER_ID, CUSTOMER_STATS.CURRENCY).doUpdate()
            .set(CUSTOMER_STATS.ORDERS, CUSTOMER_STATS.ORDERS.plus(DSL.excluded(CUSTOMER_STATS.ORDERS)))
            .set(CUSTOMER_STATS.LIFETIME_SPEND_MINOR, CUSTOMER_STATS.LIFETIME_SPEND_MINOR.plus(DSL.excluded(CUSTOMER_STATS.LIFETIME_SPEND_MINOR)))
            .set(CUSTOMER_STATS.FIRST_ORDER_AT, DSL.least(CUSTOMER_STATS.FIRST_ORDER_AT, DSL.excluded(CUSTOMER_STATS.FIRST_ORDER_AT)))
            .set(CUSTOMER_STATS.LAST_ORDER_AT, DSL.greatest(CUSTOMER_STATS.LAST_ORDER_AT, DSL.excluded(CUSTOMER_STATS.LAST_ORDER_AT))));

    private final Map<SalesTotals.Day, SalesTotals.Daily> daily = new LinkedHashMap<>();
    private final Map<SalesTotals.Buyer, SalesTotals.Spend> customers = new LinkedHashMap<>();
    private final Map<SalesTotals.Sold, SalesTotals.Units> products = new LinkedHashMap<>();
    private final Map<SalesTotals.SoldOnDay, SalesTotals.Units> productDays = new LinkedHashMap<>();
    private final Set<UUID> placedOrders = new LinkedHashSet<>();
    private final List<UUID> cancelled = new ArrayList<>();
    private final StatusCounts statuses = new StatusCounts(placedOrders);

    void placed(OrderPlaced placed, OffsetDateTime at) {
        String currency = placed.total().currency();
        long total = placed.total().minor();
        LocalDate day = at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        placedOrders.add(placed.orderId());
        daily.merge(new SalesTotals.Day(day, currency), new SalesTotals.Daily(1, total), SalesTotals.Daily::plus);
        customers.merge(new SalesTotals.Buyer(placed.customerId(), currency), new SalesTotals.Spend(1, total, at, at),
                SalesTotals.Spend::plus);
        perProduct(placed.lines()).forEach((product, units) -> {
            products.merge(new SalesTotals.Sold(product, currency), units, SalesTotals.Units::plus);
            productDays.merge(new SalesTotals.SoldOnDay(day, product, currency), units, SalesTotals.Units::plus);
        });
    }

    /** An order's status changed, to what its {@code orders} row says at the end of the batch. */
    void statusChanged(UUID orderId, long version) {
        statuses.changed(orderId, version);
    }

    /** Counted once per order by the position guard; its order's rows are read when the batch's totals are written. */
    void cancelled(UUID orderId) {
        cancelled.add(orderId);
    }

    /** The batch's summary statements: the placed orders' upserts, each row once, then the cancelled orders' updates. */
    List<Query> queries(DSLContext sql) {
        var queries = new ArrayList<Query>();
        if (!daily.isEmpty()) {
            queries.add(DAILY.query(sql, daily.entrySet().stream()
                    .map(e -> new Object[] {e.getKey().day(), e.getKey().currency(), e.getValue().orders(), e.getValue().revenue()})
                    .toList()));
            queries.add(CUSTOMERS.query(sql, customers.entrySet().stream()
                    .map(e -> new Object[] {e.getKey().customer(), e.getKey().currency(), e.getValue().orders(), e.getValue().total(),
                            e.getValue().first(), e.getValue().last()})
                    .toList()));
            queries.add(PRODUCTS.query(sql, products.entrySet().stream()
                    .map(e -> new Object[] {e.getKey().product(), e.getKey().currency(), e.getValue().orders(), e.getValue().units(),
                            e.getValue().revenue()})
                    .toList()));
            queries.add(PRODUCT_DAYS.query(sql, productDays.entrySet().stream()
                    .map(e -> new Object[] {e.getKey().day(), e.getKey().product(), e.getKey().currency(), e.getValue().orders(),
                            e.getValue().units(), e.getValue().revenue()})
                    .toList()));
        }
        if (!cancelled.isEmpty()) {
            queries.addAll(SalesCancellations.queries(sql, cancelled));
        }
        if (!statuses.isEmpty()) {
            queries.addAll(statuses.queries(sql));
        }
        if (!placedOrders.isEmpty() || !cancelled.isEmpty()) {
            queries.addAll(RecentSales.queries(sql, placedOrders, cancelled));
        }
        return queries;
    }

    /**
     * An upsert that adds each row's sums to the summary row of its key, or inserts the row. Rows are
     * the keys' values, then the sums', in the order given.
     */
    private static <R extends Record> Shape summed(String name, Table<R> table, List<? extends Field<?>> keys, List<? extends Field<Long>> sums) {
        var fields = new ArrayList<Field<?>>(keys);
        fields.addAll(sums);
        List<Column<?>> columns = fields.stream().<Column<?>>map(Column::of).toList();
        Map<Field<Long>, Field<Long>> added = new LinkedHashMap<>();
        sums.forEach(sum -> added.put(sum, sum.plus(DSL.excluded(sum))));
        return Shape.of(name, columns, (db, v) -> db.insertInto(table, fields)
                .select(DSL.select(columns.stream().<Field<?>>map(v::get).toList()).from(v.table()))
                .onConflict(keys).doUpdate()
                .set(added));
    }

    /** An order may list a product on several lines; it counts once per order. */
    private static Map<UUID, SalesTotals.Units> perProduct(List<OrderLine> lines) {
        var sold = new LinkedHashMap<UUID, SalesTotals.Units>();
        for (OrderLine line : lines) {
            sold.merge(line.productId(), new SalesTotals.Units(1, line.quantity(), line.quantity() * line.unitPrice().minor()),
                    (a, b) -> new SalesTotals.Units(1, a.units() + b.units(), a.revenue() + b.revenue()));
        }
        return sold;
    }
}
