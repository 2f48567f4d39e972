package dev.tributary.domains.shop.query.report;

import static dev.tributary.domains.shop.projection.jooq.Tables.ORDERS;
import static dev.tributary.domains.shop.projection.jooq.Tables.ORDER_LINES;
import static dev.tributary.domains.shop.projection.jooq.Tables.PRODUCTS;
import static dev.tributary.domains.shop.projection.jooq.Tables.PRODUCT_DAILY_SALES;
import static dev.tributary.domains.shop.projection.jooq.Tables.RECENT_PRODUCT_SALES;

import dev.tributary.query.consistency.Databases;
import dev.tributary.query.report.Report;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.jooq.Select;
import org.jooq.SelectHavingStep;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The products that sold most, by units or by revenue, on orders placed since {@code since} and not
 * cancelled, each with its orders (each once, however many of its lines list the product), units,
 * revenue, SKU and name.
 *
 * <p>When {@code since} falls in the first {@link RecentWindowRanking#SLICE} of the currency's recent
 * window (the dashboard's "last 30 days" asked now does, while the shop takes orders), it reads the
 * projector's {@code recent_product_sales} from the top of its units or revenue index, as
 * {@link TopCustomersReport} reads the customers (see {@link RecentWindowRanking}). Otherwise whole UTC
 * days come from {@code product_daily_sales} (a row per day and product sold), and the rest of a day
 * that {@code since} cuts is summed from its order lines. The answer is the same either way.
 */
@Singleton
final class TopProductsReport {

    /** What the products are ranked by, most first. */
    enum By { UNITS, REVENUE }

    private final DSLContext sql;
    private final RecentWindowRanking<ProductSales> recent;

    TopProductsReport(Databases databases) {
        this.sql = databases.reports().sql();
        var r = RECENT_PRODUCT_SALES;
        this.recent = new RecentWindowRanking<>(sql, r.PRODUCT_ID, r.CURRENCY, List.of(r.ORDERS, r.UNITS, r.REVENUE_MINOR),
                TopProductsReport::sold, PRODUCTS.PRODUCT_ID, List.of(PRODUCTS.SKU, PRODUCTS.NAME),
                row -> new ProductSales(row.get(r.PRODUCT_ID), row.get(PRODUCTS.SKU), row.get(PRODUCTS.NAME), row.get(r.ORDERS),
                        row.get(r.UNITS), row.get(r.REVENUE_MINOR)));
    }

    Report report(OffsetDateTime since, int limit, By by, String currency) {
        TableField<?, Long> rank = switch (by) {
            case UNITS -> RECENT_PRODUCT_SALES.UNITS;
            case REVENUE -> RECENT_PRODUCT_SALES.REVENUE_MINOR;
        };
        var top = recent.top(rank, since, limit, currency).orElseGet(() -> byDay(since, limit, by, currency));
        var table = new ArrayList<List<Object>>();
        top.forEach(r -> table.add(Arrays.asList(r.product().toString(), r.sku(), r.name(), r.orders(), r.units(),
                r.revenue(), currency)));
        return new Report(List.of("product_id", "sku", "name", "orders", "units", "revenue_minor", "currency"), table);
    }

    /** The top products summed from {@code product_daily_sales}, and the order lines of a day {@code since} cuts. */
    private List<ProductSales> byDay(OffsetDateTime since, int limit, By by, String currency) {
        var start = since.withOffsetSameInstant(ZoneOffset.UTC);
        var firstWholeDay = ReportTime.startOfDayOnOrAfter(since);
        var d = PRODUCT_DAILY_SALES;
        Select<Record4<UUID, Long, Long, Long>> sales = sql.select(d.PRODUCT_ID, d.ORDERS, d.UNITS, d.REVENUE_MINOR)
                .from(d)
                .where(d.CURRENCY.eq(currency))
                .and(d.DAY.ge(firstWholeDay));
        if (!firstWholeDay.equals(start.toLocalDate())) {
            sales = sales.unionAll(sold(ORDERS.PLACED_AT.ge(since)
                    .and(ORDERS.PLACED_AT.lt(firstWholeDay.atStartOfDay().atOffset(ZoneOffset.UTC)))
                    .and(ORDERS.CURRENCY.eq(currency))));
        }
        var rows = sales.asTable("sold", "product_id", "orders", "units", "revenue_minor");
        var productId = rows.field("product_id", UUID.class);
        var orders = DSL.sum(rows.field("orders", Long.class)).cast(SQLDataType.BIGINT).as("orders");
        var units = DSL.sum(rows.field("units", Long.class)).cast(SQLDataType.BIGINT).as("units");
        var revenue = DSL.sum(rows.field("revenue_minor", Long.class)).cast(SQLDataType.BIGINT).as("revenue_minor");
        var rank = switch (by) {
            case UNITS -> units;
            case REVENUE -> revenue;
        };
        var top = sql.select(productId, orders, units, revenue)
                .from(rows)
                .groupBy(productId)
                .having(DSL.sum(rows.field("orders", Long.class)).gt(BigDecimal.ZERO))
                .orderBy(rank.desc(), productId)
                .limit(limit)
                .asTable("top");
        var product = top.field(productId);
        var topRank = top.field(rank.getName(), Long.class);
        return sql.select(product, PRODUCTS.SKU, PRODUCTS.NAME, top.field("orders", Long.class),
                        top.field("units", Long.class), top.field("revenue_minor", Long.class))
                .from(top)
                .leftJoin(PRODUCTS).on(PRODUCTS.PRODUCT_ID.eq(product))
                .orderBy(topRank.desc(), product)
                .fetch(r -> new ProductSales(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
    }

    /**
     * Per product, the lines of the orders not cancelled that {@code kept} keeps: its orders (each once),
     * units and revenue, named as in {@code recent_product_sales}.
     */
    private static SelectHavingStep<Record4<UUID, Long, Long, Long>> sold(Condition kept) {
        return DSL.select(ORDER_LINES.PRODUCT_ID, DSL.countDistinct(ORDERS.ORDER_ID).cast(SQLDataType.BIGINT).as("orders"),
                        DSL.sum(ORDER_LINES.QUANTITY).cast(SQLDataType.BIGINT).as("units"),
                        DSL.sum(ORDER_LINES.QUANTITY.times(ORDER_LINES.UNIT_PRICE_MINOR)).cast(SQLDataType.BIGINT).as("revenue_minor"))
                .from(ORDER_LINES)
                .join(ORDERS).on(ORDERS.ORDER_ID.eq(ORDER_LINES.ORDER_ID))
                .where(kept)
                .and(ORDERS.STATUS.ne("cancelled"))
                .groupBy(ORDER_LINES.PRODUCT_ID);
    }

    /** A product's orders, units and revenue in the report. */
    private record ProductSales(UUID product, String sku, String name, long orders, long units, long revenue) {
    }
}
