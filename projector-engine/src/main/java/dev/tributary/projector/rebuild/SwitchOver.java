package dev.tributary.projector.rebuild;

import dev.tributary.readmodel.DomainProjection;
import dev.tributary.readmodel.ReadModelChecksums;
import dev.tributary.readmodel.ReadModelSchema;
import dev.tributary.readmodel.ReadModelTable;
import dev.tributary.readmodel.ReadModels;
import dev.tributary.readmodel.Rebuilds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Verifies a finished rebuild against the live read model and, if they agree or the caller forces it,
 * makes it live, in one transaction that holds the live consumer's writes (readers go on): readers see
 * the old tables or the new ones, never a mix.
 *
 * <ul>
 *   <li>A whole rebuild is compared on every compared table; its schema then replaces the live one.</li>
 *   <li>A rebuild of one projection is compared on the positions and the open dead letters (it has met
 *       exactly the events the live model has, and parked none the live model did not) and, when the
 *       projection is already live, on its own tables; its tables then replace the live ones, and the
 *       projection is live. A projection that was being backfilled has nothing live to compare its
 *       tables with: the live ones were left empty.</li>
 * </ul>
 */
final class SwitchOver {

    /** @param differences the tables whose checksums differ, with both sides */
    record Outcome(boolean switched, Map<String, String> differences, String refusal) {
    }

    private static final String POSITIONS = "projection_position";

    private SwitchOver() {
    }

    /**
     * How long positions that differ may take to agree. The scan reads events the stream has not delivered
     * yet, so at its end the rebuild may be ahead of the live model by the events in flight; the live
     * consumer delivers them within seconds, to both, and from then on the two advance together. A
     * difference that outlasts this is real.
     */
    static final Duration SETTLE = Duration.ofSeconds(30);

    static Outcome run(DSLContext sql, String schema, DomainProjection projection, boolean force, long events)
            throws InterruptedException {
        var deadline = Instant.now().plus(SETTLE);
        while (true) {
            var outcome = attempt(sql, schema, projection, force, events);
            if (outcome.switched() || outcome.refusal() != null || !outcome.differences().containsKey(POSITIONS)
                    || Instant.now().isAfter(deadline)) {
                return outcome;
            }
            Thread.sleep(500);
        }
    }

    private static Outcome attempt(DSLContext sql, String schema, DomainProjection projection, boolean force, long events) {
        return sql.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            db.execute("LOCK TABLE " + DSL.name(ReadModelSchema.LIVE, "projection_position") + ", "
                    + DSL.name(schema, "projection_position") + " IN EXCLUSIVE MODE");
            // Locked until the switch commits: a projector marking builds orphaned skips a build that is switching.
            String state = db.select(Rebuilds.STATE).from(Rebuilds.TABLE).where(Rebuilds.SCHEMA_NAME.eq(schema)).forUpdate()
                    .fetchOne(Rebuilds.STATE);
            if (!"building".equals(state)) {
                return new Outcome(false, Map.of(), "it is no longer building (" + state + ")");
            }
            var compared = new ArrayList<>(ReadModels.ENGINE);
            if (projection == null) {
                compared = new ArrayList<>(ReadModels.loaded().compared());
            } else if (isLive(db, projection.name())) {
                compared.addAll(projection.tables());
            }
            var differences = ReadModelChecksums.differences(ReadModelChecksums.of(db, ReadModelSchema.LIVE, compared),
                    ReadModelChecksums.of(db, schema, compared));
            if (!differences.isEmpty() && !force) {
                return new Outcome(false, differences, null);
            }
            if (projection == null) {
                replaceLiveSchema(db, schema);
            } else {
                replaceTables(db, schema, projection.tables());
            }
            db.execute("INSERT INTO " + DSL.name(ReadModelSchema.CONTROL, "projections") + " (name, state) "
                    + "SELECT unnest(CAST(? AS text[])), 'live' ON CONFLICT (name) DO UPDATE SET state = 'live', since = now() "
                    + "WHERE projections.state <> 'live'", (Object) names(projection));
            int switched = db.update(Rebuilds.TABLE).set(Rebuilds.STATE, "switched")
                    .set(Rebuilds.FINISHED_AT, DSL.currentOffsetDateTime()).set(Rebuilds.EVENTS, events)
                    .where(Rebuilds.SCHEMA_NAME.eq(schema)).and(Rebuilds.STATE.eq("building")).execute();
            if (switched != 1) {
                throw new IllegalStateException("build " + schema + " stopped building during its switch; nothing was switched");
            }
            return new Outcome(true, differences, null);
        });
    }

    private static boolean isLive(DSLContext db, String projection) {
        return !db.fetchExists(DSL.selectOne().from(Rebuilds.PROJECTIONS)
                .where(Rebuilds.PROJECTION_NAME.eq(projection)).and(Rebuilds.PROJECTION_STATE.ne("live")));
    }

    private static String[] names(DomainProjection projection) {
        return projection == null
                ? ReadModels.loaded().projections().stream().map(DomainProjection::name).toArray(String[]::new)
                : new String[] {projection.name()};
    }

    /**
     * The stream's progress is the live consumer's, which has applied to both schemas since the rebuild
     * began; without it the new model would report no lag and no freshness until the next batch.
     */
    private static void replaceLiveSchema(DSLContext db, String schema) {
        db.execute("INSERT INTO " + DSL.name(schema, "shard_progress") + " SELECT * FROM "
                + DSL.name(ReadModelSchema.LIVE, "shard_progress") + " ON CONFLICT (shard_id) DO NOTHING");
        db.execute("DROP SCHEMA " + DSL.name(ReadModelSchema.LIVE) + " CASCADE");
        db.execute("ALTER SCHEMA " + DSL.name(schema) + " RENAME TO " + DSL.name(ReadModelSchema.LIVE));
    }

    /** The projection's tables move into the live schema with their rows, indexes and grants; the rest of the build's schema goes. */
    private static void replaceTables(DSLContext db, String schema, List<ReadModelTable> tables) {
        for (ReadModelTable table : tables) {
            db.execute("DROP TABLE " + DSL.name(ReadModelSchema.LIVE, table.name()) + " CASCADE");
            db.execute("ALTER TABLE " + DSL.name(schema, table.name()) + " SET SCHEMA " + DSL.name(ReadModelSchema.LIVE));
        }
        db.execute("DROP SCHEMA " + DSL.name(schema) + " CASCADE");
    }
}
