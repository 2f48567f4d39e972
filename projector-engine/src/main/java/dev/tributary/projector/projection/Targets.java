package dev.tributary.projector.projection;

import dev.tributary.readmodel.ReadModelSchema;
import dev.tributary.readmodel.Rebuilds;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The schemas a live batch is applied to: the live read model, and every rebuild in progress. Read
 * inside the batch's transaction, so a rebuild registered before the transaction starts receives
 * every event the stream delivers after that.
 */
@Singleton
public final class Targets {

    List<String> schemas(DSLContext tx) {
        var schemas = new ArrayList<String>();
        schemas.add(ReadModelSchema.LIVE);
        schemas.addAll(tx.select(Rebuilds.SCHEMA_NAME).from(Rebuilds.TABLE).where(Rebuilds.STATE.eq("building"))
                .orderBy(Rebuilds.SCHEMA_NAME).fetch(Rebuilds.SCHEMA_NAME));
        return schemas;
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
