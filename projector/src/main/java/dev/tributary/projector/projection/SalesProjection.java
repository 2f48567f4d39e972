package dev.tributary.projector.projection;

import static dev.tributary.readmodel.jooq.Tables.CUSTOMER_STATS;
import static dev.tributary.readmodel.jooq.Tables.DAILY_SALES;
import static dev.tributary.readmodel.jooq.Tables.PRODUCT_SALES;

import dev.tributary.events.OrderEvent.OrderLine;
import dev.tributary.events.OrderEvent.OrderPlaced;
import java.time.LocalDate;
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
 * The summary tables, {@code daily_sales}, {@code customer_stats} and {@code product_sales}, summed
 * over a batch. A placed order adds to them; a cancelled one takes its revenue, units and count back
 * out, reading what it took from {@code orders} and {@code order_lines}.
 *
 * <p>Every effect is an increment (or a least/greatest), so it does not depend on the order of the
 * events: the placed orders of a batch are summed per row in memory and written as one multi-row
 * upsert per table, each row once; the cancelled ones as one set-based update per table. Both run
 * after the batch's other statements, when every cancelled order's rows exist. One instance per batch.
 */
final class SalesProjection {

    /** Rows per multi-row statement, well under the 32,767 bind values Postgres takes. */
    private static final int ROWS_PER_STATEMENT = 1_000;

    private final Map<SalesTotals.Day, SalesTotals.Daily> daily = new LinkedHashMap<>();
    private final Map<SalesTotals.Buyer, SalesTotals.Spend> customers = new LinkedHashMap<>();
    private final Map<SalesTotals.Sold, SalesTotals.Units> products = new LinkedHashMap<>();
    private final List<UUID> cancelled = new ArrayList<>();

    void placed(OrderPlaced placed, OffsetDateTime at) {
        String currency = placed.total().currency();
        long total = placed.total().minor();
        LocalDate day = at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        daily.merge(new SalesTotals.Day(day, currency), new SalesTotals.Daily(1, total), SalesTotals.Daily::plus);
        customers.merge(new SalesTotals.Buyer(placed.customerId(), currency), new SalesTotals.Spend(1, total, at, at),
                SalesTotals.Spend::plus);
        perProduct(placed.lines()).forEach((product, units) ->
                products.merge(new SalesTotals.Sold(product, currency), units, SalesTotals.Units::plus));
    }

    /** Counted once per order by the position guard; its order's rows are read when the batch's totals are written. */
    void cancelled(UUID orderId) {
        cancelled.add(orderId);
    }

    /** The batch's summary statements: the placed orders' upserts, then the cancelled orders' updates. */
    List<Query> queries(DSLContext sql) {
        var queries = new ArrayList<Query>();
        chunks(daily).forEach(rows -> queries.add(daily(sql, rows)));
        chunks(customers).forEach(rows -> queries.add(customers(sql, rows)));
        chunks(products).forEach(rows -> queries.add(products(sql, rows)));
        if (!cancelled.isEmpty()) {
            queries.addAll(SalesCancellations.queries(sql, cancelled));
        }
        return queries;
    }

    private static Query daily(DSLContext sql, List<Map.Entry<SalesTotals.Day, SalesTotals.Daily>> rows) {
        var insert = sql.insertInto(DAILY_SALES, DAILY_SALES.DAY, DAILY_SALES.CURRENCY, DAILY_SALES.ORDERS, DAILY_SALES.REVENUE_MINOR);
        for (var row : rows) {
            insert = insert.values(row.getKey().day(), row.getKey().currency(), row.getValue().orders(), row.getValue().revenue());
        }
        return insert.onConflict(DAILY_SALES.DAY, DAILY_SALES.CURRENCY).doUpdate()
                .set(DAILY_SALES.ORDERS, DAILY_SALES.ORDERS.plus(DSL.excluded(DAILY_SALES.ORDERS)))
                .set(DAILY_SALES.REVENUE_MINOR, DAILY_SALES.REVENUE_MINOR.plus(DSL.excluded(DAILY_SALES.REVENUE_MINOR)));
    }

    private static Query customers(DSLContext sql, List<Map.Entry<SalesTotals.Buyer, SalesTotals.Spend>> rows) {
        var insert = sql.insertInto(CUSTOMER_STATS, CUSTOMER_STATS.CUSTOMER_ID, CUSTOMER_STATS.CURRENCY, CUSTOMER_STATS.ORDERS,
                CUSTOMER_STATS.LIFETIME_SPEND_MINOR, CUSTOMER_STATS.FIRST_ORDER_AT, CUSTOMER_STATS.LAST_ORDER_AT);
        for (var row : rows) {
            var spend = row.getValue();
            insert = insert.values(row.getKey().customer(), row.getKey().currency(), spend.orders(), spend.total(), spend.first(), spend.last());
        }
        return insert.onConflict(CUSTOMER_STATS.CUSTOMER_ID, CUSTOMER_STATS.CURRENCY).doUpdate()
                .set(CUSTOMER_STATS.ORDERS, CUSTOMER_STATS.ORDERS.plus(DSL.excluded(CUSTOMER_STATS.ORDERS)))
                .set(CUSTOMER_STATS.LIFETIME_SPEND_MINOR, CUSTOMER_STATS.LIFETIME_SPEND_MINOR.plus(DSL.excluded(CUSTOMER_STATS.LIFETIME_SPEND_MINOR)))
                .set(CUSTOMER_STATS.FIRST_ORDER_AT, DSL.least(CUSTOMER_STATS.FIRST_ORDER_AT, DSL.excluded(CUSTOMER_STATS.FIRST_ORDER_AT)))
                .set(CUSTOMER_STATS.LAST_ORDER_AT, DSL.greatest(CUSTOMER_STATS.LAST_ORDER_AT, DSL.excluded(CUSTOMER_STATS.LAST_ORDER_AT)));
    }

    private static Query products(DSLContext sql, List<Map.Entry<SalesTotals.Sold, SalesTotals.Units>> rows) {
        var insert = sql.insertInto(PRODUCT_SALES, PRODUCT_SALES.PRODUCT_ID, PRODUCT_SALES.CURRENCY, PRODUCT_SALES.ORDERS,
                PRODUCT_SALES.UNITS, PRODUCT_SALES.REVENUE_MINOR);
        for (var row : rows) {
            var units = row.getValue();
            insert = insert.values(row.getKey().product(), row.getKey().currency(), units.orders(), units.units(), units.revenue());
        }
        return insert.onConflict(PRODUCT_SALES.PRODUCT_ID, PRODUCT_SALES.CURRENCY).doUpdate()
                .set(PRODUCT_SALES.ORDERS, PRODUCT_SALES.ORDERS.plus(DSL.excluded(PRODUCT_SALES.ORDERS)))
                .set(PRODUCT_SALES.UNITS, PRODUCT_SALES.UNITS.plus(DSL.excluded(PRODUCT_SALES.UNITS)))
                .set(PRODUCT_SALES.REVENUE_MINOR, PRODUCT_SALES.REVENUE_MINOR.plus(DSL.excluded(PRODUCT_SALES.REVENUE_MINOR)));
    }

    private static <K, V> List<List<Map.Entry<K, V>>> chunks(Map<K, V> rows) {
        var all = List.copyOf(rows.entrySet());
        var chunks = new ArrayList<List<Map.Entry<K, V>>>();
        for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
            chunks.add(all.subList(from, Math.min(all.size(), from + ROWS_PER_STATEMENT)));
        }
        return chunks;
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
