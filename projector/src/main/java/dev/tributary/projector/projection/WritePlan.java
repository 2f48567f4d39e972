package dev.tributary.projector.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import dev.tributary.projector.projection.Statement.Shape;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.postgresql.util.PGobject;

/**
 * A batch's read-model statements, executed as few prepared statements as possible: statements of
 * the same SQL become one JDBC batch of bind values, parsed once by Postgres. jOOQ renders each
 * {@linkplain Statement.Shape shape} once per batch; after that a statement only gives its bind values.
 *
 * <p>The order is changed only where the effect cannot depend on it. Statements are grouped by round
 * (the first event of each aggregate in the batch, then the second, ...), so an aggregate's events
 * still apply in version order. Within a round, events of different aggregates commute, because
 * every effect that crosses aggregates is an increment or otherwise order-free (the rebuild relies on
 * the same property); they are grouped by event type, and within a type by SQL in the order the
 * handler first emits it, so each event's own statements keep their order.
 */
final class WritePlan {

    private final Map<Integer, Map<String, Map<String, List<Object[]>>>> rounds = new TreeMap<>();
    private final Map<Shape, String> rendered = new EnumMap<>(Shape.class);

    void add(int round, String eventType, List<Statement> statements) {
        var bySql = rounds.computeIfAbsent(round, r -> new LinkedHashMap<>())
                .computeIfAbsent(eventType, t -> new LinkedHashMap<>());
        for (Statement statement : statements) {
            bySql.computeIfAbsent(sql(statement), sql -> new ArrayList<>()).add(statement.query().getBindValues().toArray());
        }
    }

    private String sql(Statement statement) {
        if (statement.shape() == null) {
            return statement.query().getSQL();
        }
        String sql = rendered.computeIfAbsent(statement.shape(), shape -> statement.query().getSQL());
        assert sql.equals(statement.query().getSQL()) : statement.shape() + " rendered as " + sql + " and as " + statement.query().getSQL();
        return sql;
    }

    /** Runs on the caller's transaction's connection. */
    void execute(DSLContext db) {
        db.connection(connection -> {
            for (var types : rounds.values()) {
                for (var statements : types.values()) {
                    for (var same : statements.entrySet()) {
                        execute(connection, same.getKey(), same.getValue());
                    }
                }
            }
        });
    }

    private static void execute(Connection connection, String sql, List<Object[]> bindings) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] values : bindings) {
                for (int i = 0; i < values.length; i++) {
                    statement.setObject(i + 1, values[i] instanceof JSONB json ? jsonb(json) : values[i]);
                }
                if (bindings.size() > 1) {
                    statement.addBatch();
                }
            }
            if (bindings.size() > 1) {
                statement.executeBatch();
            } else {
                statement.execute();
            }
        }
    }

    private static PGobject jsonb(JSONB json) throws SQLException {
        var value = new PGobject();
        value.setType("jsonb");
        value.setValue(json.data());
        return value;
    }
}
