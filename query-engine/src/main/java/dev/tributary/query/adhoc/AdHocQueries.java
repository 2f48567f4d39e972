package dev.tributary.query.adhoc;


import dev.tributary.kit.http.InvalidRequest;
import dev.tributary.readmodel.ReadModelTable;
import dev.tributary.readmodel.ReadModels;
import dev.tributary.query.analyst.AnalystQuery;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jooq.Condition;
import dev.tributary.query.consistency.Databases;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.SelectHavingStep;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.conf.ParamType;
import org.jooq.exception.DataTypeException;
import org.jooq.impl.DSL;

/**
 * Compiles an {@link AdHocQuery} to jOOQ against an allow-list: the tables the domains expose to analysts
 * ({@link ReadModels#exposed()}) and their generated columns, nothing else. Values are converted to each column's type and bound, never
 * spliced into the SQL. It runs as the analysts' queries do ({@link dev.tributary.query.analyst.AnalystAnswers}).
 */
@Singleton
public final class AdHocQueries {

    private static final Map<String, Table<?>> TABLES = tables(ReadModels.loaded().exposed().stream().map(ReadModelTable::table).toList());
    private static final int DEFAULT_LIMIT = 100;
    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(5);

    private final DSLContext sql;

    AdHocQueries(Databases databases) {
        this.sql = databases.reports().sql();
    }

    /** @throws Invalid naming what is wrong: an unknown table or column, a bad value for a column's type, a misuse */
    public AnalystQuery compile(AdHocQuery query) {
        Table<?> table = TABLES.get(query.table());
        if (table == null) {
            throw new Invalid("unknown table " + query.table() + "; tables: " + String.join(", ", TABLES.keySet()));
        }
        var select = new LinkedHashMap<String, Field<?>>();
        var groupBy = new ArrayList<Field<?>>();
        for (String name : orEmpty(query.groupBy())) {
            groupBy.add(column(table, name));
        }
        for (String name : orEmpty(query.fields())) {
            var field = column(table, name);
            if ((!groupBy.isEmpty() || !orEmpty(query.aggregates()).isEmpty()) && !groupBy.contains(field)) {
                throw new Invalid("field " + name + " must be in groupBy when the query groups or aggregates");
            }
            select.put(name, field);
        }
        groupBy.forEach(f -> select.putIfAbsent(f.getName(), f));
        for (AdHocQuery.Aggregate aggregate : orEmpty(query.aggregates())) {
            String name = aggregate.as() != null ? aggregate.as() : aggregate.fn() + "_" + aggregate.field().replace("*", "all");
            if (select.containsKey(name)) {
                throw new Invalid("two columns are named " + name + "; name the aggregate with as");
            }
            select.put(name, aggregate(table, aggregate).as(name));
        }
        if (select.isEmpty()) {
            Stream.of(table.fields()).forEach(f -> select.put(f.getName(), f));
        }
        Condition where = DSL.noCondition();
        for (AdHocQuery.Filter filter : orEmpty(query.filters())) {
            where = where.and(condition(column(table, filter.field()), filter));
        }
        var order = new ArrayList<SortField<?>>();
        for (AdHocQuery.Order o : orEmpty(query.orderBy())) {
            if (!select.containsKey(o.field())) {
                throw new Invalid("orderBy " + o.field() + " is not one of the returned columns " + select.keySet());
            }
            Field<?> sortBy = DSL.field(DSL.name(o.field()));
            order.add("desc".equals(o.dir()) ? sortBy.desc() : sortBy.asc());
        }
        int limit = query.limit() == null ? DEFAULT_LIMIT : query.limit();
        var filtered = sql.select(select.values().toArray(SelectFieldOrAsterisk[]::new)).from(table).where(where);
        SelectHavingStep<Record> grouped = groupBy.isEmpty() ? filtered : filtered.groupBy(groupBy);
        var compiled = grouped.orderBy(order).limit(limit);
        return new AnalystQuery(compiled.getSQL(ParamType.INDEXED), compiled.getBindValues(), limit, TIMEOUT);
    }

    private static Field<?> aggregate(Table<?> table, AdHocQuery.Aggregate aggregate) {
        if (aggregate.field().equals("*")) {
            if (!aggregate.fn().equals("count")) {
                throw new Invalid(aggregate.fn() + "(*) is not allowed; only count(*)");
            }
            return DSL.count();
        }
        Field<?> field = column(table, aggregate.field());
        boolean numeric = field.getDataType().isNumeric();
        return switch (aggregate.fn()) {
            case "count" -> DSL.count(field);
            case "sum" -> DSL.sum(numeric(field, aggregate, numeric));
            case "avg" -> DSL.avg(numeric(field, aggregate, numeric));
            case "min" -> DSL.min(field);
            case "max" -> DSL.max(field);
            default -> throw new Invalid("unknown aggregate " + aggregate.fn());
        };
    }

    @SuppressWarnings("unchecked")
    private static Field<? extends Number> numeric(Field<?> field, AdHocQuery.Aggregate aggregate, boolean numeric) {
        if (!numeric) {
            throw new Invalid(aggregate.fn() + " needs a numeric column; " + field.getName() + " is " + field.getDataType().getTypeName());
        }
        return (Field<? extends Number>) field;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Condition condition(Field field, AdHocQuery.Filter filter) {
        Object value = filter.value();
        return switch (filter.op()) {
            case "=" -> field.eq(convert(field, value));
            case "<>" -> field.ne(convert(field, value));
            case "<" -> field.lt(convert(field, value));
            case ">" -> field.gt(convert(field, value));
            case "<=" -> field.le(convert(field, value));
            case ">=" -> field.ge(convert(field, value));
            case "in" -> field.in(list(filter, value, -1).stream().map(v -> convert(field, v)).toList());
            case "between" -> {
                var bounds = list(filter, value, 2);
                yield field.between(convert(field, bounds.get(0)), convert(field, bounds.get(1)));
            }
            case "like" -> {
                if (!field.getDataType().isString()) {
                    throw new Invalid("like needs a text column; " + field.getName() + " is " + field.getDataType().getTypeName());
                }
                yield field.like((String) convert(field, value));
            }
            case "is null" -> field.isNull();
            case "is not null" -> field.isNotNull();
            default -> throw new Invalid("unknown operator " + filter.op());
        };
    }

    private static List<?> list(AdHocQuery.Filter filter, Object value, int size) {
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > 1000 || (size > 0 && list.size() != size)) {
            throw new Invalid(filter.op() + " on " + filter.field() + " needs a list of " + (size > 0 ? size : "1 to 1000") + " values");
        }
        return list;
    }

    private static Object convert(Field<?> field, Object value) {
        if (value == null || value instanceof List<?> || value instanceof Map<?, ?>) {
            throw new Invalid("column " + field.getName() + " needs a single " + field.getDataType().getTypeName() + " value");
        }
        try {
            Object converted = field.getDataType().convert(value);
            if (converted == null) {
                throw new IllegalArgumentException("no conversion");
            }
            return converted;
        } catch (DataTypeException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new Invalid("\"" + value + "\" is not a valid " + field.getDataType().getTypeName() + " for column " + field.getName());
        }
    }

    private static Field<?> column(Table<?> table, String name) {
        var field = table.field(name);
        if (field == null) {
            throw new Invalid("unknown column " + name + " in " + table.getName() + "; columns: "
                    + String.join(", ", Stream.of(table.fields()).map(Field::getName).toList()));
        }
        return field;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Map<String, Table<?>> tables(List<Table<?>> tables) {
        var byName = new LinkedHashMap<String, Table<?>>();
        for (Table<?> table : tables) {
            byName.put(table.getName(), table);
        }
        return byName;
    }

    /** The query names something outside the allow-list, or uses it wrongly. */
    public static final class Invalid extends InvalidRequest {
        Invalid(String message) {
            super(message);
        }
    }
}
