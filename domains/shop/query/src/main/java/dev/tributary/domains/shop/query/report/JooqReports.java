package dev.tributary.domains.shop.query.report;

import dev.tributary.query.report.Report;

import static dev.tributary.domains.shop.projection.jooq.Tables.CUSTOMERS;
import static dev.tributary.domains.shop.projection.jooq.Tables.DAILY_ORDER_STATUS;
import static dev.tributary.domains.shop.projection.jooq.Tables.DAILY_SALES;
import static dev.tributary.domains.shop.projection.jooq.Tables.ORDERS;
import static dev.tributary.domains.shop.projection.jooq.Tables.ORDER_LINES;
import static dev.tributary.domains.shop.projection.jooq.Tables.PRODUCTS;
import static dev.tributary.domains.shop.projection.jooq.Tables.PRODUCT_DAILY_SALES;
import static dev.tributary.domains.shop.projection.jooq.Tables.RECENT_CUSTOMER_SPEND;
import static dev.tributary.domains.shop.projection.jooq.Tables.RECENT_PRODUCT_SALES;
import static dev.tributary.domains.shop.projection.jooq.Tables.RECENT_WINDOW;
import static dev.tributary.readmodel.jooq.Tables.SHARD_PROGRESS;

import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import dev.tributary.query.consistency.Databases;
import dev.tributary.query.consistency.PipeHealth;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Analysts' reports over the orders, in SQL that Postgres aggregates (jOOQ, bind values only). */
@Singleton
final class JooqReports {

    /**
     * How far into the recent window a top-customers or top-products report may start and still read
     * {@code recent_customer_spend} or {@code recent_product_sales}: the orders of this stretch are
     * summed to take them out.
     */
    static final java.time.Duration RECENT_SLICE = java.time.Duration.ofDays(3);

    private final DSLContext sql;
    private final PipeHealth pipe;

    JooqReports(Databases databases, PipeHealth pipe) {
        this.sql = databases.reports().sql();
        this.pipe = pipe;
    }

    /**
     * Orders placed and revenue (orders not cancelled) per day, week or month of placement, as the
     * calendar runs in {@code zone}, for periods starting in {@code [from, to)}. In UTC it reads the
     * projector's {@code daily_sales} (a row per UTC day, whatever the number of orders); in any
     * other zone a day is not a UTC day, so it aggregates the orders themselves.
     */
    Report revenue(LocalDate from, LocalDate to, Period by, ZoneId zone, String currency) {
        var rows = zone.normalized().equals(ZoneOffset.UTC) ? revenueInUtc(from, to, by, currency) : revenueIn(zone, from, to, by, currency);
        var table = new ArrayList<List<Object>>();
        rows.forEach(r -> table.add(List.of(r.value1().toString(), r.value2(), r.value3(), currency)));
        return new Report(List.of(by.name().toLowerCase(), "orders", "revenue_minor", "currency"), table);
    }

    private Result<Record3<LocalDate, Long, Long>> revenueInUtc(LocalDate from, LocalDate to, Period by, String currency) {
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

    private Result<Record3<LocalDate, Long, Long>> revenueIn(ZoneId zone, LocalDate from, LocalDate to, Period by, String currency) {
        var period = DSL.field("date_trunc({0}, {1})", SQLDataType.LOCALDATETIME, DSL.inline(by.name().toLowerCase()), placedIn(zone))
                .cast(SQLDataType.LOCALDATE).as("period");
        var revenue = DSL.coalesce(DSL.sum(ORDERS.TOTAL_MINOR).filterWhere(ORDERS.STATUS.ne("cancelled")), DSL.inline(java.math.BigDecimal.ZERO))
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

    /**
     * The customers who spent most on orders placed since {@code since} and not cancelled, with their
     * order count and name.
     *
     * <p>When {@code since} falls in the first {@link #RECENT_SLICE} of the currency's recent window
     * (the dashboard's "last 30 days" asked today starts exactly where the window does, while the shop
     * takes orders today, so nothing is taken out), it reads the
     * projector's {@code recent_customer_spend}, a row per customer with orders since the window
     * started, from the top of its spend index, in one statement: each customer's orders between the
     * window's start and {@code since} are taken out, and the top rows suffice as soon as one of them
     * spent less in the whole window than the {@code limit}-th answer, since taking out never raises a
     * spend. Otherwise, and in the rare case that the rows read do not suffice, it sums the orders.
     * The answer is the same either way.
     */
    Report topCustomers(OffsetDateTime since, int limit, String currency) {
        var top = topRecent(since, limit, currency).orElseGet(() -> topSummed(since, limit, currency));
        var table = new ArrayList<List<Object>>();
        top.forEach(r -> table.add(java.util.Arrays.asList(r.customer().toString(), r.name(), r.orders(), r.spend(), currency)));
        return new Report(List.of("customer_id", "name", "orders", "spend_minor", "currency"), table);
    }

    /** The top customers summed from every order placed since {@code since}. */
    private List<Ranked> topSummed(OffsetDateTime since, int limit, String currency) {
        var spend = DSL.sum(ORDERS.TOTAL_MINOR).cast(SQLDataType.BIGINT).as("spend_minor");
        var top = sql.select(ORDERS.CUSTOMER_ID, DSL.count().cast(SQLDataType.BIGINT).as("orders"), spend)
                .from(ORDERS)
                .where(ORDERS.PLACED_AT.ge(since))
                .and(ORDERS.STATUS.ne("cancelled"))
                .and(ORDERS.CURRENCY.eq(currency))
                .groupBy(ORDERS.CUSTOMER_ID)
                .orderBy(spend.desc(), ORDERS.CUSTOMER_ID)
                .limit(limit)
                .asTable("top");
        var customer = top.field(ORDERS.CUSTOMER_ID);
        var topSpend = top.field("spend_minor", Long.class);
        return sql.select(customer, CUSTOMERS.NAME, top.field("orders", Long.class), topSpend)
                .from(top)
                .leftJoin(CUSTOMERS).on(CUSTOMERS.CUSTOMER_ID.eq(customer))
                .orderBy(topSpend.desc(), customer)
                .fetch(r -> new Ranked(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /**
     * The top customers from the recent spend, less what each spent in {@code [window start, since)};
     * empty when {@code since} is not early in the window, or the rows read do not settle the answer.
     * One statement, so one snapshot: the window, the rows and the orders taken out agree.
     */
    private java.util.Optional<List<Ranked>> topRecent(OffsetDateTime since, int limit, String currency) {
        var w = RECENT_WINDOW;
        var r = RECENT_CUSTOMER_SPEND;
        var o = ORDERS;
        int page = limit + 100;
        var before = DSL.select(o.CUSTOMER_ID, DSL.count().as("orders"), DSL.sum(o.TOTAL_MINOR).as("spend"))
                .from(o)
                .where(o.CURRENCY.eq(currency))
                .and(o.PLACED_AT.ge(w.WINDOW_START)).and(o.PLACED_AT.lt(since))
                .and(o.STATUS.ne("cancelled"))
                .groupBy(o.CUSTOMER_ID)
                .asTable("before");
        var rows = sql.select(w.WINDOW_START, r.CUSTOMER_ID, CUSTOMERS.NAME, r.ORDERS, r.SPEND_MINOR,
                        before.field("orders", Long.class), before.field("spend", Long.class))
                .from(w)
                .leftJoin(DSL.lateral(DSL.selectFrom(r).where(r.CURRENCY.eq(w.CURRENCY))
                        .orderBy(r.SPEND_MINOR.desc(), r.CUSTOMER_ID).limit(page)).as(r.getName())).on(DSL.trueCondition())
                .leftJoin(DSL.lateral(before)).on(before.field(o.CUSTOMER_ID).eq(r.CUSTOMER_ID))
                .leftJoin(CUSTOMERS).on(CUSTOMERS.CUSTOMER_ID.eq(r.CUSTOMER_ID))
                .where(w.CURRENCY.eq(currency))
                .and(w.WINDOW_START.le(since)).and(w.WINDOW_START.gt(since.minus(RECENT_SLICE)))
                .orderBy(r.SPEND_MINOR.desc(), r.CUSTOMER_ID)
                .fetch();
        if (rows.isEmpty()) {
            return java.util.Optional.empty();
        }
        var best = new ArrayList<Ranked>(limit + 1);
        for (var row : rows) {
            if (row.value2() == null) {
                break;
            }
            if (best.size() == limit && row.value5() < best.getLast().spend()) {
                return java.util.Optional.of(best);
            }
            long orders = row.value4() - (row.value6() == null ? 0 : row.value6());
            long spend = row.value5() - (row.value7() == null ? 0 : row.value7());
            if (orders > 0) {
                keepTop(best, new Ranked(row.value2(), row.value3(), orders, spend), Ranked.ORDER, limit);
            }
        }
        return rows.size() < page ? java.util.Optional.of(best) : java.util.Optional.empty();
    }

    /** Uuids in the order Postgres sorts them: by their bytes, unsigned. */
    private static final java.util.Comparator<java.util.UUID> POSTGRES_UUID_ORDER = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    /** A customer's orders and spend in a report, ranked by spend, then by id as Postgres orders uuids. */
    private record Ranked(java.util.UUID customer, String name, long orders, long spend) {

        static final java.util.Comparator<Ranked> ORDER = java.util.Comparator.comparingLong(Ranked::spend).reversed()
                .thenComparing(Ranked::customer, POSTGRES_UUID_ORDER);
    }

    /** Inserts {@code row} into {@code best}, kept sorted by {@code order} and at most {@code limit} long. */
    private static <T> void keepTop(List<T> best, T row, java.util.Comparator<T> order, int limit) {
        int at = java.util.Collections.binarySearch(best, row, order);
        best.add(at < 0 ? -at - 1 : at, row);
        if (best.size() > limit) {
            best.removeLast();
        }
    }

    /**
     * The products that sold most, by units or by revenue, on orders placed since {@code since} and not
     * cancelled, each with its orders (each once, however many of its lines list the product), units,
     * revenue, SKU and name.
     *
     * <p>When {@code since} falls in the first {@link #RECENT_SLICE} of the currency's recent window (the
     * dashboard's "last 30 days" asked now does, while the shop takes orders), it reads the projector's
     * {@code recent_product_sales} from the top of its units or revenue index, as {@link #topCustomers}
     * reads the customers. Otherwise whole UTC days come from {@code product_daily_sales} (a row per day
     * and product sold), and the rest of a day that {@code since} cuts is summed from its order lines.
     * The answer is the same either way.
     */
    Report topProducts(OffsetDateTime since, int limit, boolean byRevenue, String currency) {
        var top = topRecentProducts(since, limit, byRevenue, currency)
                .orElseGet(() -> topProductsByDay(since, limit, byRevenue, currency));
        var table = new ArrayList<List<Object>>();
        top.forEach(r -> table.add(java.util.Arrays.asList(r.product().toString(), r.sku(), r.name(), r.orders(), r.units(),
                r.revenue(), currency)));
        return new Report(List.of("product_id", "sku", "name", "orders", "units", "revenue_minor", "currency"), table);
    }

    /** The top products summed from {@code product_daily_sales}, and the order lines of a day {@code since} cuts. */
    private List<ProductSales> topProductsByDay(OffsetDateTime since, int limit, boolean byRevenue, String currency) {
        var start = since.withOffsetSameInstant(ZoneOffset.UTC);
        var firstWholeDay = startOfDayOnOrAfter(since);
        var d = PRODUCT_DAILY_SALES;
        org.jooq.Select<Record4<java.util.UUID, Long, Long, Long>> sold = sql.select(d.PRODUCT_ID, d.ORDERS, d.UNITS, d.REVENUE_MINOR)
                .from(d)
                .where(d.CURRENCY.eq(currency))
                .and(d.DAY.ge(firstWholeDay));
        if (!firstWholeDay.equals(start.toLocalDate())) {
            sold = sold.unionAll(sql.select(ORDER_LINES.PRODUCT_ID, DSL.countDistinct(ORDERS.ORDER_ID).cast(SQLDataType.BIGINT),
                            DSL.sum(ORDER_LINES.QUANTITY).cast(SQLDataType.BIGINT),
                            DSL.sum(ORDER_LINES.QUANTITY.times(ORDER_LINES.UNIT_PRICE_MINOR)).cast(SQLDataType.BIGINT))
                    .from(ORDER_LINES)
                    .join(ORDERS).on(ORDERS.ORDER_ID.eq(ORDER_LINES.ORDER_ID))
                    .where(ORDERS.PLACED_AT.ge(since))
                    .and(ORDERS.PLACED_AT.lt(firstWholeDay.atStartOfDay().atOffset(ZoneOffset.UTC)))
                    .and(ORDERS.STATUS.ne("cancelled"))
                    .and(ORDERS.CURRENCY.eq(currency))
                    .groupBy(ORDER_LINES.PRODUCT_ID));
        }
        var rows = sold.asTable("sold", "product_id", "orders", "units", "revenue_minor");
        var productId = rows.field("product_id", java.util.UUID.class);
        var orders = DSL.sum(rows.field("orders", Long.class)).cast(SQLDataType.BIGINT).as("orders");
        var units = DSL.sum(rows.field("units", Long.class)).cast(SQLDataType.BIGINT).as("units");
        var revenue = DSL.sum(rows.field("revenue_minor", Long.class)).cast(SQLDataType.BIGINT).as("revenue_minor");
        var rank = byRevenue ? revenue : units;
        var top = sql.select(productId, orders, units, revenue)
                .from(rows)
                .groupBy(productId)
                .having(DSL.sum(rows.field("orders", Long.class)).gt(java.math.BigDecimal.ZERO))
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
     * The top products from the recent sales, less what each sold in {@code [window start, since)};
     * empty when {@code since} is not early in the window, or the rows read do not settle the answer.
     * One statement, so one snapshot. Taking out never raises units or revenue, so the rows suffice as
     * soon as one of them sold less in the whole window than the {@code limit}-th answer.
     */
    private java.util.Optional<List<ProductSales>> topRecentProducts(OffsetDateTime since, int limit, boolean byRevenue,
                                                                     String currency) {
        var w = RECENT_WINDOW;
        var r = RECENT_PRODUCT_SALES;
        var o = ORDERS;
        var l = ORDER_LINES;
        int page = limit + 100;
        var rank = byRevenue ? r.REVENUE_MINOR : r.UNITS;
        var before = DSL.select(l.PRODUCT_ID, DSL.countDistinct(o.ORDER_ID).cast(SQLDataType.BIGINT).as("orders"),
                        DSL.sum(l.QUANTITY).cast(SQLDataType.BIGINT).as("units"),
                        DSL.sum(l.QUANTITY.times(l.UNIT_PRICE_MINOR)).cast(SQLDataType.BIGINT).as("revenue_minor"))
                .from(o)
                .join(l).on(l.ORDER_ID.eq(o.ORDER_ID))
                .where(o.CURRENCY.eq(currency))
                .and(o.PLACED_AT.ge(w.WINDOW_START)).and(o.PLACED_AT.lt(since))
                .and(o.STATUS.ne("cancelled"))
                .groupBy(l.PRODUCT_ID)
                .asTable("before");
        var rows = sql.select(r.PRODUCT_ID, PRODUCTS.SKU, PRODUCTS.NAME, r.ORDERS, r.UNITS, r.REVENUE_MINOR,
                        before.field("orders", Long.class), before.field("units", Long.class),
                        before.field("revenue_minor", Long.class))
                .from(w)
                .leftJoin(DSL.lateral(DSL.selectFrom(r).where(r.CURRENCY.eq(w.CURRENCY))
                        .orderBy(rank.desc(), r.PRODUCT_ID).limit(page)).as(r.getName())).on(DSL.trueCondition())
                .leftJoin(DSL.lateral(before)).on(before.field(l.PRODUCT_ID).eq(r.PRODUCT_ID))
                .leftJoin(PRODUCTS).on(PRODUCTS.PRODUCT_ID.eq(r.PRODUCT_ID))
                .where(w.CURRENCY.eq(currency))
                .and(w.WINDOW_START.le(since)).and(w.WINDOW_START.gt(since.minus(RECENT_SLICE)))
                .orderBy(rank.desc(), r.PRODUCT_ID)
                .fetch();
        if (rows.isEmpty()) {
            return java.util.Optional.empty();
        }
        var best = new ArrayList<ProductSales>(limit + 1);
        var order = ProductSales.order(byRevenue);
        for (var row : rows) {
            if (row.value1() == null) {
                break;
            }
            var whole = new ProductSales(row.value1(), row.value2(), row.value3(), row.value4(), row.value5(), row.value6());
            if (best.size() == limit && whole.rank(byRevenue) < best.getLast().rank(byRevenue)) {
                return java.util.Optional.of(best);
            }
            var sold = whole.less(row.value7(), row.value8(), row.value9());
            if (sold.orders() > 0) {
                keepTop(best, sold, order, limit);
            }
        }
        return rows.size() < page ? java.util.Optional.of(best) : java.util.Optional.empty();
    }

    /** A product's orders, units and revenue in a report. */
    private record ProductSales(java.util.UUID product, String sku, String name, long orders, long units, long revenue) {

        /** By units or revenue, most first, then by id as Postgres orders uuids. */
        static java.util.Comparator<ProductSales> order(boolean byRevenue) {
            return java.util.Comparator.comparingLong((ProductSales p) -> p.rank(byRevenue)).reversed()
                    .thenComparing(ProductSales::product, POSTGRES_UUID_ORDER);
        }

        long rank(boolean byRevenue) {
            return byRevenue ? revenue : units;
        }

        /** These sales less what was sold before the report's start (nulls: nothing was). */
        ProductSales less(Long ordersBefore, Long unitsBefore, Long revenueBefore) {
            return new ProductSales(product, sku, name, orders - (ordersBefore == null ? 0 : ordersBefore),
                    units - (unitsBefore == null ? 0 : unitsBefore), revenue - (revenueBefore == null ? 0 : revenueBefore));
        }
    }

    /**
     * How many orders placed in {@code [from, to)} are in each status now. Whole UTC days come from the
     * projector's {@code daily_order_status} (a row per day and status); the parts of days that
     * {@code from} and {@code to} cut are counted from the orders.
     */
    Report ordersByStatus(OffsetDateTime from, OffsetDateTime to) {
        var firstWholeDay = startOfDayOnOrAfter(from);
        var endOfWholeDays = to.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        org.jooq.Select<org.jooq.Record2<String, Long>> counted;
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
                .having(orders.gt(java.math.BigDecimal.ZERO))
                .orderBy(status)
                .forEach(r -> table.add(List.of(r.value1(), r.value2())));
        return new Report(List.of("status", "orders"), table);
    }

    private org.jooq.Select<org.jooq.Record2<String, Long>> countedFromOrders(OffsetDateTime from, OffsetDateTime to) {
        return sql.select(ORDERS.STATUS, DSL.count().cast(SQLDataType.BIGINT))
                .from(ORDERS)
                .where(ORDERS.PLACED_AT.ge(from)).and(ORDERS.PLACED_AT.lt(to))
                .groupBy(ORDERS.STATUS);
    }

    /** The first UTC midnight at or after an instant. */
    private static LocalDate startOfDayOnOrAfter(OffsetDateTime instant) {
        var utc = instant.withOffsetSameInstant(ZoneOffset.UTC);
        return utc.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? utc.toLocalDate() : utc.toLocalDate().plusDays(1);
    }

    /**
     * Orders placed in {@code [from, to)}: how many, how many were cancelled and the cancellation rate,
     * and the revenue and average value of those not cancelled.
     */
    Report orderValue(OffsetDateTime from, OffsetDateTime to, String currency) {
        var kept = ORDERS.STATUS.ne("cancelled");
        var row = sql.select(DSL.count(),
                        DSL.count().filterWhere(ORDERS.STATUS.eq("cancelled")),
                        DSL.coalesce(DSL.sum(ORDERS.TOTAL_MINOR).filterWhere(kept), DSL.inline(java.math.BigDecimal.ZERO)).cast(SQLDataType.BIGINT),
                        DSL.avg(ORDERS.TOTAL_MINOR).filterWhere(kept))
                .from(ORDERS)
                .where(ORDERS.PLACED_AT.ge(from)).and(ORDERS.PLACED_AT.lt(to)).and(ORDERS.CURRENCY.eq(currency))
                .fetchOne();
        int placed = row.value1();
        int cancelled = row.value2();
        Double rate = placed == 0 ? null : Math.round(10_000.0 * cancelled / placed) / 10_000.0;
        Double average = row.value4() == null ? null : row.value4().setScale(2, java.math.RoundingMode.HALF_UP).doubleValue();
        return new Report(List.of("orders", "cancelled", "cancellation_rate", "revenue_minor", "average_order_value_minor", "currency"),
                List.of(java.util.Arrays.asList(placed, cancelled, rate, row.value3(), average, currency)));
    }

    /**
     * Cohorts: customers by the month of their first order (not cancelled), and for each later month
     * how many of them ordered again and how many orders they placed. Month 0 is the first month.
     */
    Report cohorts(LocalDate from, LocalDate to, ZoneId zone) {
        var kept = ORDERS.STATUS.ne("cancelled");
        var month = DSL.field("date_trunc('month', {0})", SQLDataType.LOCALDATETIME, placedIn(zone));
        var firsts = DSL.name("firsts").fields("customer_id", "cohort")
                .as(DSL.select(ORDERS.CUSTOMER_ID, DSL.min(month)).from(ORDERS).where(kept).groupBy(ORDERS.CUSTOMER_ID));
        var activity = DSL.name("activity").fields("customer_id", "month")
                .as(DSL.select(ORDERS.CUSTOMER_ID, month).from(ORDERS).where(kept));
        var sizes = DSL.name("sizes").fields("cohort", "customers")
                .as(DSL.select(firsts.field("cohort"), DSL.count()).from(firsts).groupBy(firsts.field("cohort")));
        var cohort = firsts.field("cohort", java.time.LocalDateTime.class);
        var activeMonth = activity.field("month", java.time.LocalDateTime.class);
        var offset = DSL.field("(extract(year from age({0}, {1})) * 12 + extract(month from age({0}, {1})))::int",
                Integer.class, activeMonth, cohort).as("month");
        var customers = sizes.field("customers", Integer.class);
        var rows = sql.with(firsts).with(activity).with(sizes)
                .select(cohort.cast(SQLDataType.LOCALDATE).as("cohort_month"), customers, offset,
                        DSL.countDistinct(activity.field("customer_id")).as("active_customers"), DSL.count().as("orders"))
                .from(firsts)
                .join(activity).on(activity.field("customer_id", java.util.UUID.class).eq(firsts.field("customer_id", java.util.UUID.class)))
                .join(sizes).on(sizes.field("cohort", java.time.LocalDateTime.class).eq(cohort))
                .where(cohort.ge(from.atStartOfDay())).and(cohort.lt(to.atStartOfDay()))
                .groupBy(cohort, customers, DSL.field(DSL.name("month")))
                .orderBy(cohort, DSL.field(DSL.name("month")))
                .fetch();
        var table = new ArrayList<List<Object>>();
        rows.forEach(r -> table.add(List.of(r.value1().toString(), r.value2(), r.value3(), r.value4(), r.value5())));
        return new Report(List.of("cohort_month", "customers", "month", "active_customers", "orders"), table);
    }

    /**
     * The projector's progress per shard: the newest event it has applied, when it last committed, and
     * how far behind the event was at that commit (from the reports database); and, from the primary,
     * what its worker last reported: its state, its lag now, since when and why it is stalled, when it
     * reported, and whether that report is older than {@code projector-silent-after}. A shard that
     * stalled before its first commit has a report and no progress. Stalled and silent shards first.
     */
    Report projector() {
        var lag = DSL.field("(extract(epoch from ({0} - {1})) * 1000)::bigint", Long.class, SHARD_PROGRESS.UPDATED_AT,
                SHARD_PROGRESS.LAST_EVENT_AT).as("lag_millis");
        var progress = new java.util.LinkedHashMap<String, List<Object>>();
        sql.select(SHARD_PROGRESS.SHARD_ID, SHARD_PROGRESS.LAST_EVENT_AT, SHARD_PROGRESS.UPDATED_AT, lag)
                .from(SHARD_PROGRESS).orderBy(SHARD_PROGRESS.UPDATED_AT.desc()).limit(100)
                .forEach(r -> progress.put(r.value1(), List.of(r.value2().toInstant().toString(), r.value3().toInstant().toString(), r.value4())));
        var reported = new java.util.HashMap<String, PipeHealth.Shard>();
        pipe.shards().forEach(shard -> reported.put(shard.shardId(), shard));
        var shardIds = new ArrayList<>(progress.keySet());
        reported.keySet().stream().filter(id -> !progress.containsKey(id)).sorted().forEach(shardIds::add);
        shardIds.sort(java.util.Comparator.comparing(id -> !troubled(reported.get(id))));
        var table = new ArrayList<List<Object>>();
        for (String id : shardIds) {
            var row = new ArrayList<Object>(List.of(id));
            row.addAll(progress.getOrDefault(id, java.util.Arrays.asList(null, null, null)));
            var shard = reported.get(id);
            row.addAll(shard == null ? java.util.Arrays.asList(null, null, null, null, null, null, null)
                    : java.util.Arrays.asList(shard.state(), shard.worker(), shard.lagMillis(), instant(shard.stalledSince()),
                            shard.reason(), instant(shard.reportedAt()), shard.silent()));
            table.add(row);
        }
        return new Report(List.of("shard_id", "last_event_at", "committed_at", "lag_millis", "state", "worker", "live_lag_millis",
                "stalled_since", "reason", "reported_at", "silent"), table);
    }

    private static boolean troubled(PipeHealth.Shard shard) {
        return shard != null && (shard.stalled() || shard.silent());
    }

    private static String instant(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** When an order was placed, on the wall clock of {@code zone}. */
    private static org.jooq.Field<java.time.LocalDateTime> placedIn(ZoneId zone) {
        return DSL.field("({0} AT TIME ZONE {1})", SQLDataType.LOCALDATETIME, ORDERS.PLACED_AT, DSL.val(zone.getId()));
    }

    private static OffsetDateTime start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toOffsetDateTime();
    }

    enum Period { DAY, WEEK, MONTH }
}
