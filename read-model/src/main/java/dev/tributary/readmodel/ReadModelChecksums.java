package dev.tributary.readmodel;

import static dev.tributary.readmodel.jooq.Tables.CUSTOMERS;
import static dev.tributary.readmodel.jooq.Tables.CUSTOMER_STATS;
import static dev.tributary.readmodel.jooq.Tables.DAILY_ORDER_STATUS;
import static dev.tributary.readmodel.jooq.Tables.DAILY_SALES;
import static dev.tributary.readmodel.jooq.Tables.DEAD_LETTER;
import static dev.tributary.readmodel.jooq.Tables.ORDERS;
import static dev.tributary.readmodel.jooq.Tables.ORDER_LINES;
import static dev.tributary.readmodel.jooq.Tables.ORDER_STATUS_HISTORY;
import static dev.tributary.readmodel.jooq.Tables.PRODUCTS;
import static dev.tributary.readmodel.jooq.Tables.PRODUCT_DAILY_SALES;
import static dev.tributary.readmodel.jooq.Tables.PRODUCT_SALES;
import static dev.tributary.readmodel.jooq.Tables.PRODUCT_SHIPMENTS;
import static dev.tributary.readmodel.jooq.Tables.PROJECTION_POSITION;
import static dev.tributary.readmodel.jooq.Tables.RECENT_CUSTOMER_SPEND;
import static dev.tributary.readmodel.jooq.Tables.RECENT_PRODUCT_SALES;
import static dev.tributary.readmodel.jooq.Tables.RECENT_WINDOW;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Fingerprints of a read model, table by table, to prove two copies equal: the live one against a
 * rebuild, or a model after crashes against a clean rebuild. A table's fingerprint is its row count
 * and an order-independent sum of row hashes over the columns that events determine; bookkeeping
 * columns (when a row was last touched, surrogate ids, error texts) are left out, and of the dead
 * letters only the open ones (parked or waiting) count: resolved ones are history, not state.
 */
public final class ReadModelChecksums {

    private static final Map<Table<?>, List<Field<?>>> COMPARED = compared();
    private static final List<String> OPEN = List.of("parked", "waiting");

    private ReadModelChecksums() {
    }

    /** Every compared table of {@code schema}, in a fixed order. */
    public static Map<String, Checksum> of(DSLContext sql, String schema) {
        var result = new LinkedHashMap<String, Checksum>();
        COMPARED.forEach((table, fields) -> {
            var qualified = fields.stream().map(f -> (Field<?>) DSL.field(DSL.name(schema, table.getName(), f.getName()))).toList();
            var row = sql.select(DSL.count(),
                            DSL.field("coalesce(sum(hashtextextended(CAST(ROW({0}) AS text), 0)), 0)", BigDecimal.class,
                                    DSL.list(qualified)))
                    .from(DSL.table(DSL.name(schema, table.getName())))
                    .where(table == DEAD_LETTER
                            ? DSL.field(DSL.name(schema, table.getName(), DEAD_LETTER.STATE.getName()), String.class).in(OPEN)
                            : DSL.noCondition())
                    .fetchOne();
            result.put(table.getName(), new Checksum(row.value1(), Objects.requireNonNull(row.value2())));
        });
        return result;
    }

    /** The tables whose fingerprints differ between two results, with both sides. */
    public static Map<String, String> differences(Map<String, Checksum> left, Map<String, Checksum> right) {
        var differences = new LinkedHashMap<String, String>();
        left.forEach((table, checksum) -> {
            var other = right.get(table);
            if (!checksum.equals(other)) {
                differences.put(table, checksum + " vs " + other);
            }
        });
        return differences;
    }

    private static Map<Table<?>, List<Field<?>>> compared() {
        var tables = new LinkedHashMap<Table<?>, List<Field<?>>>();
        tables.put(CUSTOMERS, List.of(CUSTOMERS.fields()));
        tables.put(PRODUCTS, List.of(PRODUCTS.fields()));
        tables.put(ORDERS, List.of(ORDERS.fields()));
        tables.put(ORDER_LINES, List.of(ORDER_LINES.fields()));
        tables.put(ORDER_STATUS_HISTORY, List.of(ORDER_STATUS_HISTORY.fields()));
        tables.put(DAILY_SALES, List.of(DAILY_SALES.fields()));
        tables.put(DAILY_ORDER_STATUS, List.of(DAILY_ORDER_STATUS.fields()));
        tables.put(CUSTOMER_STATS, List.of(CUSTOMER_STATS.fields()));
        tables.put(PRODUCT_SALES, List.of(PRODUCT_SALES.fields()));
        tables.put(PRODUCT_DAILY_SALES, List.of(PRODUCT_DAILY_SALES.fields()));
        tables.put(PRODUCT_SHIPMENTS, List.of(PRODUCT_SHIPMENTS.fields()));
        tables.put(RECENT_WINDOW, List.of(RECENT_WINDOW.fields()));
        tables.put(RECENT_CUSTOMER_SPEND, List.of(RECENT_CUSTOMER_SPEND.fields()));
        tables.put(RECENT_PRODUCT_SALES, List.of(RECENT_PRODUCT_SALES.fields()));
        tables.put(PROJECTION_POSITION, List.of(PROJECTION_POSITION.AGGREGATE, PROJECTION_POSITION.VERSION));
        tables.put(DEAD_LETTER, List.of(DEAD_LETTER.AGGREGATE, DEAD_LETTER.VERSION, DEAD_LETTER.STATE));
        return tables;
    }

    /** @param sum the sum of 64-bit row hashes; equal sums and counts mean equal tables, barring a hash collision */
    public record Checksum(int rows, BigDecimal sum) {
        @Override
        public String toString() {
            return rows + " rows, checksum " + sum;
        }
    }
}
