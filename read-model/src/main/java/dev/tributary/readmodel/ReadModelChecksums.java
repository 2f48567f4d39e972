package dev.tributary.readmodel;

import static dev.tributary.readmodel.jooq.Tables.DEAD_LETTER;


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

    private static final List<String> OPEN = List.of("parked", "waiting", "awaiting-upgrade");

    private ReadModelChecksums() {
    }

    /** Every compared table of {@code schema} ({@link ReadModels#compared()}), in a fixed order. */
    public static Map<String, Checksum> of(DSLContext sql, String schema) {
        return of(sql, schema, ReadModels.loaded().compared());
    }

    /** These tables of {@code schema}, on their compared columns, in the order given. */
    public static Map<String, Checksum> of(DSLContext sql, String schema, List<ReadModelTable> tables) {
        var result = new LinkedHashMap<String, Checksum>();
        tables.stream().filter(ReadModelTable::isCompared).forEach(compared -> {
            Table<?> table = compared.table();
            List<Field<?>> fields = compared.compared();
            var qualified = fields.stream().map(f -> (Field<?>) DSL.field(DSL.name(schema, table.getName(), f.getName()))).toList();
            var row = sql.select(DSL.count(),
                            DSL.field("coalesce(sum(hashtextextended(CAST(ROW({0}) AS text), 0)), 0)", BigDecimal.class,
                                    DSL.list(qualified)))
                    .from(DSL.table(DSL.name(schema, table.getName())))
                    .where(table.getName().equals(DEAD_LETTER.getName())
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


    /** @param sum the sum of 64-bit row hashes; equal sums and counts mean equal tables, barring a hash collision */
    public record Checksum(int rows, BigDecimal sum) {
        @Override
        public String toString() {
            return rows + " rows, checksum " + sum;
        }
    }
}
