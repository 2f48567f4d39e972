package dev.tributary.query.report;

import static dev.tributary.readmodel.jooq.Tables.CUSTOMERS;
import static dev.tributary.readmodel.jooq.Tables.ORDERS;

import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Analysts' reports over the orders, in SQL that Postgres aggregates (jOOQ, bind values only). */
@Singleton
final class JooqReports {

    private final DSLContext sql;

    JooqReports(DSLContext sql) {
        this.sql = sql;
    }

    /**
     * Orders placed and revenue (orders not cancelled) per day, week or month of placement, as the
     * calendar runs in {@code zone}, for periods starting in {@code [from, to)}.
     */
    Report revenue(LocalDate from, LocalDate to, Period by, ZoneId zone, String currency) {
        var local = DSL.field("({0} AT TIME ZONE {1})", SQLDataType.LOCALDATETIME, ORDERS.PLACED_AT, DSL.val(zone.getId()));
        var period = DSL.field("date_trunc({0}, {1})", SQLDataType.LOCALDATETIME, DSL.inline(by.name().toLowerCase()), local)
                .cast(SQLDataType.LOCALDATE).as("period");
        var orders = DSL.count().as("orders");
        var revenue = DSL.coalesce(DSL.sum(ORDERS.TOTAL_MINOR).filterWhere(ORDERS.STATUS.ne("cancelled")), DSL.inline(java.math.BigDecimal.ZERO))
                .cast(SQLDataType.BIGINT).as("revenue_minor");
        var rows = sql.select(period, orders, revenue)
                .from(ORDERS)
                .where(ORDERS.CURRENCY.eq(currency))
                .and(ORDERS.PLACED_AT.ge(start(from, zone)))
                .and(ORDERS.PLACED_AT.lt(start(to, zone)))
                .groupBy(DSL.field(DSL.name("period")))
                .orderBy(DSL.field(DSL.name("period")))
                .fetch();
        var table = new ArrayList<List<Object>>();
        rows.forEach(r -> table.add(List.of(r.value1().toString(), r.value2(), r.value3(), currency)));
        return new Report(List.of(by.name().toLowerCase(), "orders", "revenue_minor", "currency"), table);
    }

    /** The customers who spent most on orders placed since {@code since} and not cancelled, with their order count. */
    Report topCustomers(OffsetDateTime since, int limit, String currency) {
        var spend = DSL.sum(ORDERS.TOTAL_MINOR).cast(SQLDataType.BIGINT).as("spend_minor");
        var orders = DSL.count().as("orders");
        var rows = sql.select(ORDERS.CUSTOMER_ID, CUSTOMERS.NAME, orders, spend)
                .from(ORDERS)
                .leftJoin(CUSTOMERS).on(CUSTOMERS.CUSTOMER_ID.eq(ORDERS.CUSTOMER_ID))
                .where(ORDERS.PLACED_AT.ge(since))
                .and(ORDERS.STATUS.ne("cancelled"))
                .and(ORDERS.CURRENCY.eq(currency))
                .groupBy(ORDERS.CUSTOMER_ID, CUSTOMERS.NAME)
                .orderBy(DSL.field(DSL.name("spend_minor")).desc(), ORDERS.CUSTOMER_ID)
                .limit(limit)
                .fetch();
        var table = new ArrayList<List<Object>>();
        rows.forEach(r -> table.add(java.util.Arrays.asList(r.value1().toString(), r.value2(), r.value3(), r.value4(), currency)));
        return new Report(List.of("customer_id", "name", "orders", "spend_minor", "currency"), table);
    }

    private static OffsetDateTime start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toOffsetDateTime();
    }

    enum Period { DAY, WEEK, MONTH }
}
