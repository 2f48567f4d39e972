package dev.tributary.projector.projection;

import dev.tributary.readmodel.ReadModelSchema;
import dev.tributary.readmodel.Rebuilds;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The schemas a live batch is applied to, and which projections in each: the live read model with
 * every projection that is live there, every whole rebuild in progress with all of them, and every
 * rebuild of one projection with that one. Read inside the batch's transaction, in one round trip, so
 * a rebuild registered before the transaction starts receives every event the stream delivers after that.
 */
@Singleton
public final class Targets {

    /**
     * One schema and the projections applied in it.
     *
     * @param only the projections to apply; null for all
     * @param held projections not to apply (null {@code only} aside): those still being backfilled
     */
    public record Target(String schema, String only, Set<String> held) {

        static Target everything(String schema) {
            return new Target(schema, null, Set.of());
        }

        /** Whether the projection named so is applied in this schema. */
        public boolean applies(String projection) {
            return only != null ? only.equals(projection) : !held.contains(projection);
        }
    }

    List<Target> targets(DSLContext tx) {
        var building = new ArrayList<Target>();
        var held = new HashSet<String>();
        tx.select(DSL.inline("rebuild").as("kind"), Rebuilds.SCHEMA_NAME, Rebuilds.PROJECTION)
                .from(Rebuilds.TABLE).where(Rebuilds.STATE.eq("building"))
                .unionAll(DSL.select(DSL.inline("held"), Rebuilds.PROJECTION_NAME, DSL.inline((String) null))
                        .from(Rebuilds.PROJECTIONS).where(Rebuilds.PROJECTION_STATE.ne("live")))
                .forEach(r -> {
                    if (r.value1().equals("held")) {
                        held.add(r.value2());
                    } else {
                        building.add(new Target(r.value2(), r.value3(), Set.of()));
                    }
                });
        building.sort(java.util.Comparator.comparing(Target::schema));
        var targets = new ArrayList<Target>(building.size() + 1);
        targets.add(new Target(ReadModelSchema.LIVE, null, Set.copyOf(held)));
        targets.addAll(building);
        return targets;
    }

    /** The schemas a dead letter is recorded in: every target's. */
    List<String> schemas(DSLContext tx) {
        return targets(tx).stream().map(Target::schema).toList();
    }

    /**
     * Points this transaction's unqualified table names at {@code schema}, until it ends or this is
     * called again, and keeps its planner on the indexes.
     *
     * <p>Every statement of the projector reaches rows by key. The planner's statistics lag far behind
     * tables that grow fast (a rebuild's fresh schema, a new deployment's backlog) until autovacuum
     * analyzes them; meanwhile it would scan whole tables for each statement, so a batch would cost more
     * the more rows exist. JIT compilation is off too: before PostgreSQL 18 a disabled scan adds 10^10
     * to a plan's cost, which would send any plan that still needs one past {@code jit_above_cost}, and
     * compiling takes longer than any of these statements. The settings end with the transaction.
     */
    static void use(DSLContext tx, String schema) {
        tx.fetch("SELECT set_config('search_path', ?, true), set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)",
                DSL.quotedName(schema).toString());
    }
}
