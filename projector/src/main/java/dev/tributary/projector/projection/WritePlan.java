package dev.tributary.projector.projection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * A batch's read-model statements, executed as few prepared statements as possible: statements of
 * the same SQL become one JDBC batch of bind values, parsed once by Postgres.
 *
 * <p>The order is changed only where the effect cannot depend on it. Statements are grouped by round
 * (the first event of each aggregate in the batch, then the second, ...), so an aggregate's events
 * still apply in version order. Within a round, events of different aggregates commute, because
 * every effect that crosses aggregates is an increment or otherwise order-free (the rebuild relies on
 * the same property); they are grouped by event type, and within a type by SQL in the order the
 * handler first emits it, so each event's own statements keep their order.
 */
final class WritePlan {

    private final Map<Integer, Map<String, Map<String, List<Query>>>> rounds = new java.util.TreeMap<>();

    void add(int round, String eventType, List<Query> queries) {
        var byShape = rounds.computeIfAbsent(round, r -> new LinkedHashMap<>())
                .computeIfAbsent(eventType, t -> new LinkedHashMap<>());
        for (Query query : queries) {
            byShape.computeIfAbsent(query.getSQL(), sql -> new ArrayList<>()).add(query);
        }
    }

    boolean isEmpty() {
        return rounds.isEmpty();
    }

    void execute(DSLContext db) {
        for (var types : rounds.values()) {
            for (var shapes : types.values()) {
                for (List<Query> same : shapes.values()) {
                    if (same.size() == 1) {
                        same.getFirst().execute();
                        continue;
                    }
                    var batch = db.batch(same.getFirst());
                    for (Query query : same) {
                        batch = batch.bind(query.getBindValues().toArray());
                    }
                    batch.execute();
                }
            }
        }
    }
}
