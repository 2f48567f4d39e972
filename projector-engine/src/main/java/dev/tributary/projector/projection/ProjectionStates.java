package dev.tributary.projector.projection;

import static dev.tributary.readmodel.jooq.Tables.PROJECTION_POSITION;

import dev.tributary.readmodel.DomainProjection;
import dev.tributary.readmodel.ReadModelSchema;
import dev.tributary.readmodel.ReadModelTable;
import dev.tributary.readmodel.ReadModels;
import dev.tributary.readmodel.Rebuilds;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which projections the live read model serves. A projection met for the first time is live when the
 * read model has no history yet, or when its tables already hold rows (it was applied before the
 * projector kept this list). Otherwise it is new to a read model with history: it starts
 * {@code backfilling}, the live consumer leaves its tables alone, and a rebuild of it alone fills,
 * verifies and switches them in, after which it is live.
 */
public final class ProjectionStates {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionStates.class);

    private ProjectionStates() {
    }

    /** Records every registered projection not met before; returns those that are backfilling. */
    public static List<String> register(DSLContext sql) {
        boolean history = sql.fetchExists(DSL.selectOne().from(DSL.table(DSL.name(ReadModelSchema.LIVE, PROJECTION_POSITION.getName()))));
        for (DomainProjection projection : ReadModels.loaded().projections()) {
            boolean applied = !history || projection.tables().stream().anyMatch(t -> holdsRows(sql, t));
            int added = sql.insertInto(Rebuilds.PROJECTIONS, Rebuilds.PROJECTION_NAME, Rebuilds.PROJECTION_STATE)
                    .values(projection.name(), applied ? "live" : "backfilling").onConflictDoNothing().execute();
            if (added > 0 && !applied) {
                LOG.info("projection {} is new to a read model with history: its tables stay empty until a rebuild of it alone "
                        + "has filled them from the events table, verified and switched them in", projection.name());
            }
        }
        return backfilling(sql);
    }

    /** The projections that are backfilling: the live read model does not serve them in full yet. */
    public static List<String> backfilling(DSLContext sql) {
        return sql.select(Rebuilds.PROJECTION_NAME).from(Rebuilds.PROJECTIONS).where(Rebuilds.PROJECTION_STATE.eq("backfilling"))
                .orderBy(Rebuilds.PROJECTION_NAME).fetch(Rebuilds.PROJECTION_NAME);
    }

    /**
     * A backfilling projection with no build in progress anywhere.
     *
     * @param lastBuild         how its latest build ended ({@code abandoned}, {@code orphaned}), or null if it has had none
     * @param lastFinished      when its latest build ended, by the database's clock; null if none
     * @param failedLastHour    how many of its builds ended without being switched in (orphaned or abandoned) in the last hour
     */
    public record Unattended(String projection, String lastBuild, java.time.OffsetDateTime lastFinished, int failedLastHour) {
    }

    /** Backfilling projections with no build in progress anywhere: the ones to start one for. */
    public static List<Unattended> unattended(DSLContext sql) {
        var latest = DSL.select(Rebuilds.STATE, Rebuilds.FINISHED_AT).from(Rebuilds.TABLE)
                .where(Rebuilds.PROJECTION.eq(Rebuilds.PROJECTION_NAME)).orderBy(Rebuilds.STARTED_AT.desc()).limit(1);
        var lastBuild = DSL.field(DSL.select(Rebuilds.STATE).from(latest.asTable("latest")));
        var lastFinished = DSL.field(DSL.select(Rebuilds.FINISHED_AT).from(latest.asTable("latest")));
        var failed = DSL.field(DSL.selectCount().from(Rebuilds.TABLE).where(Rebuilds.PROJECTION.eq(Rebuilds.PROJECTION_NAME))
                .and(Rebuilds.STATE.in("orphaned", "abandoned")).and(DSL.condition("{0} > now() - interval '1 hour'", Rebuilds.FINISHED_AT)));
        return sql.select(Rebuilds.PROJECTION_NAME, lastBuild, lastFinished, failed).from(Rebuilds.PROJECTIONS)
                .where(Rebuilds.PROJECTION_STATE.eq("backfilling"))
                .andNotExists(DSL.selectOne().from(Rebuilds.TABLE).where(Rebuilds.STATE.eq("building"))
                        .and(Rebuilds.PROJECTION.eq(Rebuilds.PROJECTION_NAME).or(Rebuilds.PROJECTION.isNull())))
                .orderBy(Rebuilds.PROJECTION_NAME).fetch(r -> new Unattended(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    private static boolean holdsRows(DSLContext sql, ReadModelTable table) {
        return sql.fetchExists(DSL.selectOne().from(DSL.table(DSL.name(ReadModelSchema.LIVE, table.name()))));
    }
}
