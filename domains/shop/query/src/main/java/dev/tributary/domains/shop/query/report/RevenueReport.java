package dev.tributary.domains.shop.query.report;

import static dev.tributary.domains.shop.projection.jooq.Tables.DAILY_SALES;
import static dev.tributary.domains.shop.projection.jooq.Tables.ORDERS;

import dev.tributary.query.consistency.Databases;
import dev.tributary.query.report.Report;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Orders placed and revenue (orders not cancelled) per day, week or month of placement, as the
 * calendar runs in {@code zone}, for periods starting in {@code [from, to)}. In UTC it reads the
 * projector's {@code daily_sales} (a row per UTC day, whatever the number of orders); in any
 * other zone a day is not a UTC day, so it aggregates the orders themselves.
 */
@Singleton
final class RevenueReport {

    /** What the orders are grouped by: a week starts on Monday. */
    enum Period { DAY, WEEK, MONTH }

    private final DSLContext sql;

    RevenueReport(Databases databases) {
        this.sql = databases.reports().sql();
    }

    Report report(LocalDate from, LocalDate to, Period by, ZoneId zone, String currency) {
        var rows = zone.normalized().equals(ZoneOffset.UTC) ? inUtc(from, to, by, currency) : inZone(zone, from, to, by, currency);
        var table = new ArrayList<List<Object>>();
        rows.forEach(r -> table.add(List.of(r.value1().toString(), r.value2(), r.value3(), currency)));
        return new Report(List.of(by.name().toLowerCase(), "orders", "revenue_minor", "currency"), table);
    }

    private Result<Record3<LocalDate, Long, Long>> inUtc(LocalDate from, LocalDate to, Period by, String currency) {
        var period = DSL.field("date_trunc({0}, {1}::timestamp)", SQLDataType.LOCALDATETIME, DSL.inline(by.name().toLowerCase()), DAILY_SALES.DAY)
                .cast(SQLDataType.LOCALDATE).as("period");
        return sql.select(period, DSL.sum(DAILY_SALES.ORDERS).cast(SQLDataType.BIGINT), DSL.sum(DAILY_SALES.REVENUE_MINOR).cast(SQLDataType.BIGINT))
                .from(DAILY_SALES)
                .where(DAILY_SALES.CURRENCY.eq(currency))
                .and(DAILY_SALES.DAY.ge(from))
                .and(DAILY_SALES.DAY.lt(to))
                .groupBy(DSL.field(DSL.name("period")))
                .orderBy(DSL.field(DSL.name("period")))
                .fetch();
    }

    private Result<Record3<LocalDate, Long, Long>> inZone(ZoneId zone, LocalDate from, LocalDate to, Period by, String currency) {
        var period = DSL.field("date_trunc({0}, {1})", SQLDataType.LOCALDATETIME, DSL.inline(by.name().toLowerCase()), ReportTime.placedIn(zone))
                .cast(SQLDataType.LOCALDATE).as("period");
        var revenue = DSL.coalesce(DSL.sum(ORDERS.TOTAL_MINOR).filterWhere(ORDERS.STATUS.ne("cancelled")), DSL.inline(BigDecimal.ZERO))
                .cast(SQLDataType.BIGINT);
        return sql.select(period, DSL.count().cast(SQLDataType.BIGINT), revenue)
                .from(ORDERS)
                .where(ORDERS.CURRENCY.eq(currency))
                .and(ORDERS.PLACED_AT.ge(start(from, zone)))
                .and(ORDERS.PLACED_AT.lt(start(to, zone)))
                .groupBy(DSL.field(DSL.name("period")))
                .orderBy(DSL.field(DSL.name("period")))
                .fetch();
    }

    private static OffsetDateTime start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toOffsetDateTime();
    }
}
