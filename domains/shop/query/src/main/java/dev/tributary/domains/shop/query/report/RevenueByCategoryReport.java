package dev.tributary.domains.shop.query.report;

import static dev.tributary.domains.shop.projection.jooq.Tables.ORDERS;
import static dev.tributary.domains.shop.projection.jooq.Tables.ORDER_LINES;
import static dev.tributary.domains.shop.projection.jooq.Tables.PRODUCTS;

import dev.tributary.query.consistency.Databases;
import dev.tributary.query.report.Report;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Revenue by category of the orders placed in {@code [from, to)} and not cancelled, in one currency: per
 * category (a product's current one), the orders that contain it (each once), the units and the revenue
 * of their lines, highest revenue first. A line whose product the read model does not hold yet counts
 * under {@code unknown}.
 */
@Singleton
final class RevenueByCategoryReport {

    static final String UNKNOWN = "unknown";

    private final DSLContext sql;

    RevenueByCategoryReport(Databases databases) {
        this.sql = databases.reports().sql();
    }

    Report report(OffsetDateTime from, OffsetDateTime to, String currency) {
        var category = DSL.coalesce(PRODUCTS.CATEGORY, DSL.inline(UNKNOWN)).as("category");
        var revenue = DSL.sum(ORDER_LINES.QUANTITY.times(ORDER_LINES.UNIT_PRICE_MINOR)).cast(SQLDataType.BIGINT).as("revenue_minor");
        var rows = new ArrayList<List<Object>>();
        sql.select(category, DSL.countDistinct(ORDERS.ORDER_ID), DSL.sum(ORDER_LINES.QUANTITY).cast(SQLDataType.BIGINT), revenue)
                .from(ORDERS)
                .join(ORDER_LINES).on(ORDER_LINES.ORDER_ID.eq(ORDERS.ORDER_ID))
                .leftJoin(PRODUCTS).on(PRODUCTS.PRODUCT_ID.eq(ORDER_LINES.PRODUCT_ID))
                .where(ORDERS.PLACED_AT.ge(from)).and(ORDERS.PLACED_AT.lt(to))
                .and(ORDERS.CURRENCY.eq(currency)).and(ORDERS.STATUS.ne("cancelled"))
                .groupBy(DSL.field(DSL.name("category")))
                .orderBy(DSL.field(DSL.name("revenue_minor")).desc(), DSL.field(DSL.name("category")))
                .forEach(r -> rows.add(List.of(r.value1(), r.value2(), r.value3(), r.value4(), currency)));
        return new Report(List.of("category", "orders", "units", "revenue_minor", "currency"), rows);
    }
}
