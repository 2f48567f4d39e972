package dev.tributary.domains.shop.query.report;

import static dev.tributary.domains.shop.projection.jooq.Tables.ORDERS;

import dev.tributary.query.consistency.Databases;
import dev.tributary.query.report.Report;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Cohorts: customers by the month of their first order (not cancelled), and for each later month
 * how many of them ordered again and how many orders they placed. Month 0 is the first month.
 */
@Singleton
final class CohortsReport {

    private final DSLContext sql;

    CohortsReport(Databases databases) {
        this.sql = databases.reports().sql();
    }

    Report report(LocalDate from, LocalDate to, ZoneId zone) {
        var kept = ORDERS.STATUS.ne("cancelled");
        var month = DSL.field("date_trunc('month', {0})", SQLDataType.LOCALDATETIME, ReportTime.placedIn(zone));
        var firsts = DSL.name("firsts").fields("customer_id", "cohort")
                .as(DSL.select(ORDERS.CUSTOMER_ID, DSL.min(month)).from(ORDERS).where(kept).groupBy(ORDERS.CUSTOMER_ID));
        var activity = DSL.name("activity").fields("customer_id", "month")
                .as(DSL.select(ORDERS.CUSTOMER_ID, month).from(ORDERS).where(kept));
        var sizes = DSL.name("sizes").fields("cohort", "customers")
                .as(DSL.select(firsts.field("cohort"), DSL.count()).from(firsts).groupBy(firsts.field("cohort")));
        var cohort = firsts.field("cohort", LocalDateTime.class);
        var activeMonth = activity.field("month", LocalDateTime.class);
        var offset = DSL.field("(extract(year from age({0}, {1})) * 12 + extract(month from age({0}, {1})))::int",
                Integer.class, activeMonth, cohort).as("month");
        var customers = sizes.field("customers", Integer.class);
        var rows = sql.with(firsts).with(activity).with(sizes)
                .select(cohort.cast(SQLDataType.LOCALDATE).as("cohort_month"), customers, offset,
                        DSL.countDistinct(activity.field("customer_id")).as("active_customers"), DSL.count().as("orders"))
                .from(firsts)
                .join(activity).on(activity.field("customer_id", UUID.class).eq(firsts.field("customer_id", UUID.class)))
                .join(sizes).on(sizes.field("cohort", LocalDateTime.class).eq(cohort))
                .where(cohort.ge(from.atStartOfDay())).and(cohort.lt(to.atStartOfDay()))
                .groupBy(cohort, customers, DSL.field(DSL.name("month")))
                .orderBy(cohort, DSL.field(DSL.name("month")))
                .fetch();
        var table = new ArrayList<List<Object>>();
        rows.forEach(r -> table.add(List.of(r.value1().toString(), r.value2(), r.value3(), r.value4(), r.value5())));
        return new Report(List.of("cohort_month", "customers", "month", "active_customers", "orders"), table);
    }
}
