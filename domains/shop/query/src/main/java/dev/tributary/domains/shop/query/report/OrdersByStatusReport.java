package dev.tributary.domains.shop.query.report;

import static dev.tributary.domains.shop.projection.jooq.Tables.DAILY_ORDER_STATUS;
import static dev.tributary.domains.shop.projection.jooq.Tables.ORDERS;

import dev.tributary.query.consistency.Databases;
import dev.tributary.query.report.Report;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * How many orders placed in {@code [from, to)} are in each status now. Whole UTC days come from the
 * projector's {@code daily_order_status} (a row per day and status); the parts of days that
 * {@code from} and {@code to} cut are counted from the orders.
 */
@Singleton
final class OrdersByStatusReport {

    private final DSLContext sql;

    OrdersByStatusReport(Databases databases) {
        this.sql = databases.reports().sql();
    }

    Report report(OffsetDateTime from, OffsetDateTime to) {
        var firstWholeDay = ReportTime.startOfDayOnOrAfter(from);
        var endOfWholeDays = to.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        Select<Record2<String, Long>> counted;
        if (firstWholeDay.isBefore(endOfWholeDays)) {
            var d = DAILY_ORDER_STATUS;
            counted = sql.select(d.STATUS, d.ORDERS).from(d).where(d.DAY.ge(firstWholeDay)).and(d.DAY.lt(endOfWholeDays))
                    .unionAll(countedFromOrders(from, firstWholeDay.atStartOfDay().atOffset(ZoneOffset.UTC)))
                    .unionAll(countedFromOrders(endOfWholeDays.atStartOfDay().atOffset(ZoneOffset.UTC), to));
        } else {
            counted = countedFromOrders(from, to);
        }
        var rows = counted.asTable("counted", "status", "orders");
        var status = rows.field("status", String.class);
        var orders = DSL.sum(rows.field("orders", Long.class));
        var table = new ArrayList<List<Object>>();
        sql.select(status, orders.cast(SQLDataType.BIGINT))
                .from(rows)
                .groupBy(status)
                .having(orders.gt(BigDecimal.ZERO))
                .orderBy(status)
                .forEach(r -> table.add(List.of(r.value1(), r.value2())));
        return new Report(List.of("status", "orders"), table);
    }

    private Select<Record2<String, Long>> countedFromOrders(OffsetDateTime from, OffsetDateTime to) {
        return sql.select(ORDERS.STATUS, DSL.count().cast(SQLDataType.BIGINT))
                .from(ORDERS)
                .where(ORDERS.PLACED_AT.ge(from)).and(ORDERS.PLACED_AT.lt(to))
                .groupBy(ORDERS.STATUS);
    }
}
