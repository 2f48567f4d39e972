package dev.tributary.readmodel.projection;

import java.lang.reflect.Array;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A read-model statement that applies many events at once. Each event gives one row of values; the
 * statement reads all the rows from {@code unnest} of one array per column, so one execution applies
 * them, and its SQL is the same however many there are.
 *
 * <p>One execution's rows must not reach the same table row twice where that matters: an
 * {@code UPDATE … FROM} applies only one of two matching rows, and {@code INSERT … ON CONFLICT DO
 * UPDATE} rejects them. {@link WritePlan} runs a shape once per round, where each aggregate has one
 * event, so a shape keyed by its event's aggregate is safe; a shape that reaches other aggregates'
 * rows sums per row in its SQL.
 */
public final class Shape {

    public static final Column<OffsetDateTime> AT = new Column<>("at", SQLDataType.TIMESTAMPWITHTIMEZONE);
    public static final Column<Long> VERSION = new Column<>("version", SQLDataType.BIGINT);

    private final String name;
    private final List<Column<?>> columns;
    private final BiFunction<DSLContext, Rows, Query> statement;

    private Shape(String name, List<Column<?>> columns, BiFunction<DSLContext, Rows, Query> statement) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.statement = statement;
    }

    /** @param statement the statement over the rows, which it reads as {@link Rows#table()} */
    public static Shape of(String name, List<Column<?>> columns, BiFunction<DSLContext, Rows, Query> statement) {
        return new Shape(name, columns, statement);
    }

    /** One event's values, in the order of the shape's columns. */
    public Statement row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(name + " takes " + columns.size() + " values, not " + values.length);
        }
        return new Statement.Row(this, values);
    }

    /** The statement applying these rows. */
    public Query query(DSLContext db, List<Object[]> rows) {
        var arrays = new ArrayList<Field<?>>(columns.size());
        var names = new String[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            arrays.add(columns.get(c).array(rows, c));
            names[c] = columns.get(c).name();
        }
        return statement.apply(db, new Rows(DSL.table("unnest({0})", DSL.list(arrays)).as("v", names)));
    }

    @Override
    public String toString() {
        return name;
    }

    /** A column of a shape's rows: its name in the statement, and its SQL type. */
    public record Column<T>(String name, DataType<T> type) {

        /** A column named and typed as {@code field}, but text as {@code text}, so no {@code char(n)} array cuts a value. */
        @SuppressWarnings("unchecked")
        public static <T> Column<T> of(Field<T> field) {
            return new Column<>(field.getName(), field.getType() == String.class ? (DataType<T>) SQLDataType.CLOB : field.getDataType());
        }

        @SuppressWarnings("unchecked")
        private Field<T[]> array(List<Object[]> rows, int index) {
            T[] values = (T[]) Array.newInstance(type.getType(), rows.size());
            for (int r = 0; r < rows.size(); r++) {
                values[r] = type.getType().cast(rows.get(r)[index]);
            }
            return DSL.val(values, type.array());
        }
    }

    /** The rows, as a table {@code v} for the statement to read. */
    public record Rows(Table<?> table) {

        public <T> Field<T> get(Column<T> column) {
            return DSL.field(DSL.name("v", column.name()), column.type());
        }
    }
}
