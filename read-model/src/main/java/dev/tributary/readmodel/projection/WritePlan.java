package dev.tributary.readmodel.projection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;

/**
 * A batch's read-model statements, run as few as possible: the rows of one {@link Shape} in a round
 * become one set-based statement, so the statements a batch runs grow with its rounds and shapes,
 * not with its events.
 *
 * <p>The order is changed only where the effect cannot depend on it. Statements are grouped by round
 * (the first event of each aggregate in the batch, then the second, ...), so an aggregate's events
 * still apply in version order, and no shape sees an aggregate twice in one execution. Within a
 * round, events of different aggregates commute, because every effect that crosses aggregates is an
 * increment or otherwise order-free (the rebuild relies on the same property); they are grouped by
 * event type, and within a type by shape in the order the handler first emits it, so each event's own
 * statements keep their order.
 */
public final class WritePlan {

    private final Map<Integer, Map<String, Map<Object, Step>>> rounds = new TreeMap<>();

    public void add(int round, String eventType, List<Statement> statements) {
        var steps = rounds.computeIfAbsent(round, r -> new LinkedHashMap<>())
                .computeIfAbsent(eventType, t -> new LinkedHashMap<>());
        for (Statement statement : statements) {
            switch (statement) {
                case Statement.Row row -> ((Rows) steps.computeIfAbsent(row.shape(), s -> new Rows(row.shape(), new ArrayList<>())))
                        .rows().add(row.values());
                case Statement.Alone alone -> steps.put(alone, db -> db.execute(alone.query()));
            }
        }
    }

    /** Runs in the caller's transaction. */
    public void execute(DSLContext db) {
        rounds.values().forEach(types -> types.values().forEach(steps -> steps.values().forEach(step -> step.execute(db))));
    }

    private interface Step {
        public void execute(DSLContext db);
    }

    private record Rows(Shape shape, List<Object[]> rows) implements Step {
        @Override
        public void execute(DSLContext db) {
            shape.query(db, rows).execute();
        }
    }
}
