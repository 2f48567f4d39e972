package dev.tributary.readmodel;

import java.util.List;
import java.util.Objects;
import org.jooq.Field;
import org.jooq.Table;

/**
 * One table of the read model and what it is for. Every table a migration creates must be claimed
 * by exactly one projection (or by the engine) with one of these, or a test fails
 * ({@link ReadModels#unclaimed}).
 *
 * @param compared the columns a rebuild's verification compares (the ones events determine); none for
 *                 bookkeeping, which no two copies need agree on
 * @param exposed  whether analysts may read it: granted to {@code tributary_reader} after every
 *                 migration, offered by {@code POST /query}, readable by {@code /sql}
 */
public record ReadModelTable(Table<?> table, List<Field<?>> compared, boolean exposed) {

    public ReadModelTable {
        Objects.requireNonNull(table, "table");
        compared = List.copyOf(compared);
    }

    /** Compared in full, and readable by analysts: what most tables are. */
    public static ReadModelTable exposed(Table<?> table) {
        return new ReadModelTable(table, List.of(table.fields()), true);
    }

    /** Compared in full, and not for analysts: internal state a projection keeps. */
    public static ReadModelTable internal(Table<?> table) {
        return new ReadModelTable(table, List.of(table.fields()), false);
    }

    /** Compared on these columns only, and not for analysts. */
    public static ReadModelTable internal(Table<?> table, List<Field<?>> compared) {
        return new ReadModelTable(table, compared, false);
    }

    /** Neither compared nor exposed: how far a process got, when, and the like. */
    public static ReadModelTable bookkeeping(Table<?> table) {
        return new ReadModelTable(table, List.of(), false);
    }

    public String name() {
        return table.getName();
    }

    public boolean isCompared() {
        return !compared.isEmpty();
    }
}
