package dev.tributary.domains.shop.query.report;

import static dev.tributary.domains.shop.projection.jooq.Tables.ORDERS;
import static dev.tributary.domains.shop.projection.jooq.Tables.RECENT_WINDOW;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * The top of a ranking of the orders placed since an instant and not cancelled (customers by spend,
 * products by units or revenue), read from the projector's sums over the currency's recent window
 * instead of summed from the orders: {@code recent_customer_spend}, {@code recent_product_sales}, a row
 * per key with orders since the window started.
 *
 * <p>It answers when {@code since} falls in the first {@link #SLICE} of the currency's recent window
 * (the dashboard's "last 30 days" asked today starts exactly where the window does, while the shop
 * takes orders today, so nothing is taken out). It reads the recent sums from the top of their index
 * on the rank, in one statement, so one snapshot: the window, the rows and the orders taken out agree.
 * Each key's orders between the window's start and {@code since} are taken out, and the rows read
 * suffice as soon as one of them ranked lower in the whole window than the {@code limit}-th answer,
 * since taking out never raises a sum. Otherwise, and in the rare case that the rows read do not
 * suffice, it answers nothing, and the report sums the orders instead; the answer is the same either way.
 *
 * @param <T> an answer row
 */
final class RecentWindowRanking<T> {

    /**
     * How far into the recent window a top-customers or top-products report may start and still read
     * {@code recent_customer_spend} or {@code recent_product_sales}: the orders of this stretch are
     * summed to take them out.
     */
    static final Duration SLICE = Duration.ofDays(3);

    /** Rows read beyond the limit, for the keys whose orders in the window are all taken out. */
    private static final int SPARE = 100;

    /** Uuids in the order Postgres sorts them: by their bytes, unsigned. */
    private static final Comparator<UUID> POSTGRES_UUID_ORDER = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    private final DSLContext sql;
    private final TableField<?, UUID> key;
    private final TableField<?, String> currency;
    private final List<TableField<?, Long>> sums;
    private final Function<Condition, Select<?>> taken;
    private final TableField<?, UUID> described;
    private final List<? extends Field<?>> description;
    private final RecordMapper<Record, T> read;

    /**
     * A ranking of one recent table; the parts that differ from one table to another.
     *
     * @param sql         the reports database
     * @param key         the recent table's key ({@code customer_id}, {@code product_id}): its table is the recent table
     * @param currency    the recent table's currency
     * @param sums        the recent table's sums, the key's orders first (answer rows with none are left out)
     * @param taken       the same sums per key of the orders not cancelled that a condition on {@code orders} keeps,
     *                    each (the key too) named as in the recent table
     * @param described   the key of the table that describes a key ({@code customers}, {@code products}), joined to it
     * @param description the columns of that table an answer row shows
     * @param read        an answer row, from a row of the key, the description and the sums (read by the recent
     *                    table's fields), less what was taken out
     */
    RecentWindowRanking(DSLContext sql, TableField<?, UUID> key, TableField<?, String> currency, List<TableField<?, Long>> sums,
                        Function<Condition, Select<?>> taken, TableField<?, UUID> described, List<? extends Field<?>> description,
                        RecordMapper<Record, T> read) {
        this.sql = sql;
        this.key = key;
        this.currency = currency;
        this.sums = List.copyOf(sums);
        this.taken = taken;
        this.described = described;
        this.description = List.copyOf(description);
        this.read = read;
    }

    /**
     * The {@code limit} keys that rank highest by {@code rank} (one of the sums, most first, then by key)
     * over the orders in {@code currency} placed since {@code since} and not cancelled; empty when
     * {@code since} is not early in the window, or the rows read do not settle the answer.
     */
    Optional<List<T>> top(TableField<?, Long> rank, OffsetDateTime since, int limit, String currency) {
        if (!sums.contains(rank)) {
            throw new IllegalArgumentException(rank + " is not one of " + sums);
        }
        var w = RECENT_WINDOW;
        var recent = key.getTable();
        int page = limit + SPARE;
        var before = taken.apply(ORDERS.CURRENCY.eq(currency).and(ORDERS.PLACED_AT.ge(w.WINDOW_START)).and(ORDERS.PLACED_AT.lt(since)))
                .asTable("before");
        var less = sums.stream().map(sum -> sum.minus(DSL.coalesce(named(before, sum), DSL.inline(0L))).as(sum)).toList();
        var answer = new ArrayList<Field<?>>();
        answer.add(key);
        answer.addAll(description);
        answer.addAll(less);
        var wholeRank = rank.as("window_rank");
        var rows = sql.select(answer).select(wholeRank)
                .from(w)
                .leftJoin(DSL.lateral(DSL.selectFrom(recent).where(this.currency.eq(w.CURRENCY))
                        .orderBy(rank.desc(), key).limit(page)).as(recent.getName())).on(DSL.trueCondition())
                .leftJoin(DSL.lateral(before)).on(named(before, key).eq(key))
                .leftJoin(described.getTable()).on(described.eq(key))
                .where(w.CURRENCY.eq(currency))
                .and(w.WINDOW_START.le(since)).and(w.WINDOW_START.gt(since.minus(SLICE)))
                .orderBy(rank.desc(), key)
                .fetch();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        var orders = less.getFirst();
        var lessRank = less.get(sums.indexOf(rank));
        var order = Comparator.<Record>comparingLong(row -> row.get(lessRank)).reversed()
                .thenComparing(row -> row.get(key), POSTGRES_UUID_ORDER);
        var best = new ArrayList<Record>(limit + 1);
        for (var row : rows) {
            if (row.get(key) == null) {
                break;
            }
            if (best.size() == limit && row.get(wholeRank) < best.getLast().get(lessRank)) {
                return Optional.of(read(best, answer));
            }
            if (row.get(orders) > 0) {
                keepTop(best, row, order, limit);
            }
        }
        return rows.size() < page ? Optional.of(read(best, answer)) : Optional.empty();
    }

    /** The answer rows, each read from its key, description and sums alone. */
    private List<T> read(List<Record> best, List<Field<?>> answer) {
        return best.stream().map(row -> read.map(row.into(answer.toArray(Field<?>[]::new)))).toList();
    }

    /** The field of {@code before} named as {@code field}. */
    private static <V> Field<V> named(Table<?> before, Field<V> field) {
        return Objects.requireNonNull(before.field(field.getName(), field.getType()), () -> "taken names no " + field.getName());
    }

    /** Inserts {@code row} into {@code best}, kept sorted by {@code order} and at most {@code limit} long. */
    private static <R> void keepTop(List<R> best, R row, Comparator<R> order, int limit) {
        int at = Collections.binarySearch(best, row, order);
        best.add(at < 0 ? -at - 1 : at, row);
        if (best.size() > limit) {
            best.removeLast();
        }
    }
}
