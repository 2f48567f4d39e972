package dev.tributary.domains.shop.query.report;

import static dev.tributary.domains.shop.projection.jooq.Tables.CUSTOMERS;
import static dev.tributary.domains.shop.projection.jooq.Tables.ORDERS;
import static dev.tributary.domains.shop.projection.jooq.Tables.RECENT_CUSTOMER_SPEND;

import dev.tributary.query.consistency.Databases;
import dev.tributary.query.report.Report;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.SelectHavingStep;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The customers who spent most on orders placed since {@code since} and not cancelled, with their
 * order count and name.
 *
 * <p>When {@code since} falls in the first {@link RecentWindowRanking#SLICE} of the currency's recent
 * window (the dashboard's "last 30 days" asked today starts exactly where the window does, while the
 * shop takes orders today, so nothing is taken out), it reads the projector's
 * {@code recent_customer_spend}, a row per customer with orders since the window started, from the top
 * of its spend index, in one statement: each customer's orders between the window's start and
 * {@code since} are taken out, and the top rows suffice as soon as one of them spent less in the whole
 * window than the {@code limit}-th answer, since taking out never raises a spend (see
 * {@link RecentWindowRanking}). Otherwise, and in the rare case that the rows read do not suffice, it
 * sums the orders. The answer is the same either way.
 */
@Singleton
final class TopCustomersReport {

    private final DSLContext sql;
    private final RecentWindowRanking<CustomerSpend> recent;

    TopCustomersReport(Databases databases) {
        this.sql = databases.reports().sql();
        var r = RECENT_CUSTOMER_SPEND;
        this.recent = new RecentWindowRanking<>(sql, r.CUSTOMER_ID, r.CURRENCY, List.of(r.ORDERS, r.SPEND_MINOR),
                TopCustomersReport::spent, CUSTOMERS.CUSTOMER_ID, List.of(CUSTOMERS.NAME),
                row -> new CustomerSpend(row.get(r.CUSTOMER_ID), row.get(CUSTOMERS.NAME), row.get(r.ORDERS), row.get(r.SPEND_MINOR)));
    }

    Report report(OffsetDateTime since, int limit, String currency) {
        var top = recent.top(RECENT_CUSTOMER_SPEND.SPEND_MINOR, since, limit, currency)
                .orElseGet(() -> summed(since, limit, currency));
        var table = new ArrayList<List<Object>>();
        top.forEach(r -> table.add(Arrays.asList(r.customer().toString(), r.name(), r.orders(), r.spend(), currency)));
        return new Report(List.of("customer_id", "name", "orders", "spend_minor", "currency"), table);
    }

    /** The top customers summed from every order placed since {@code since}. */
    private List<CustomerSpend> summed(OffsetDateTime since, int limit, String currency) {
        var spend = DSL.field(DSL.name("spend_minor"), Long.class);
        var top = spent(ORDERS.CURRENCY.eq(currency).and(ORDERS.PLACED_AT.ge(since)))
                .orderBy(spend.desc(), ORDERS.CUSTOMER_ID)
                .limit(limit)
                .asTable("top");
        var customer = top.field(ORDERS.CUSTOMER_ID);
        var topSpend = top.field("spend_minor", Long.class);
        return sql.select(customer, CUSTOMERS.NAME, top.field("orders", Long.class), topSpend)
                .from(top)
                .leftJoin(CUSTOMERS).on(CUSTOMERS.CUSTOMER_ID.eq(customer))
                .orderBy(topSpend.desc(), customer)
                .fetch(r -> new CustomerSpend(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /**
     * Per customer, the orders not cancelled that {@code kept} keeps: how many, and what they spent,
     * named as in {@code recent_customer_spend}.
     */
    private static SelectHavingStep<Record3<UUID, Long, Long>> spent(Condition kept) {
        return DSL.select(ORDERS.CUSTOMER_ID, DSL.count().cast(SQLDataType.BIGINT).as("orders"),
                        DSL.sum(ORDERS.TOTAL_MINOR).cast(SQLDataType.BIGINT).as("spend_minor"))
                .from(ORDERS)
                .where(kept)
                .and(ORDERS.STATUS.ne("cancelled"))
                .groupBy(ORDERS.CUSTOMER_ID);
    }

    /** A customer's orders and spend in the report. */
    private record CustomerSpend(UUID customer, String name, long orders, long spend) {
    }
}
