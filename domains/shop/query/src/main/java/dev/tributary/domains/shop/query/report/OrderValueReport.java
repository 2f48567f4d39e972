package dev.tributary.domains.shop.query.report;

import static dev.tributary.domains.shop.projection.jooq.Tables.ORDERS;

import dev.tributary.query.consistency.Databases;
import dev.tributary.query.report.Report;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Orders placed in {@code [from, to)}: how many, how many were cancelled and the cancellation rate,
 * and the revenue and average value of those not cancelled.
 */
@Singleton
final class OrderValueReport {

    private final DSLContext sql;

    OrderValueReport(Databases databases) {
        this.sql = databases.reports().sql();
    }

    Report report(OffsetDateTime from, OffsetDateTime to, String currency) {
        var kept = ORDERS.STATUS.ne("cancelled");
        var row = sql.select(DSL.count(),
                        DSL.count().filterWhere(ORDERS.STATUS.eq("cancelled")),
                        DSL.coalesce(DSL.sum(ORDERS.TOTAL_MINOR).filterWhere(kept), DSL.inline(BigDecimal.ZERO)).cast(SQLDataType.BIGINT),
                        DSL.avg(ORDERS.TOTAL_MINOR).filterWhere(kept))
                .from(ORDERS)
                .where(ORDERS.PLACED_AT.ge(from)).and(ORDERS.PLACED_AT.lt(to)).and(ORDERS.CURRENCY.eq(currency))
                .fetchOne();
        int placed = row.value1();
        int cancelled = row.value2();
        Double rate = placed == 0 ? null : Math.round(10_000.0 * cancelled / placed) / 10_000.0;
        Double average = row.value4() == null ? null : row.value4().setScale(2, RoundingMode.HALF_UP).doubleValue();
        return new Report(List.of("orders", "cancelled", "cancellation_rate", "revenue_minor", "average_order_value_minor", "currency"),
                List.of(Arrays.asList(placed, cancelled, rate, row.value3(), average, currency)));
    }
}
