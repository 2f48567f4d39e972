package dev.tributary.readmodel;

import java.time.OffsetDateTime;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * {@code tributary_control.rebuilds}: every read-model rebuild and its state, and
 * {@code tributary_control.projections}: every projection's. Written by hand rather than generated,
 * because they live outside the read model they outlive.
 */
public final class Rebuilds {

    public static final Table<?> TABLE = DSL.table(DSL.name(ReadModelSchema.CONTROL, "rebuilds"));
    public static final Field<String> SCHEMA_NAME = DSL.field(DSL.name("schema_name"), String.class);
    public static final Field<String> STATE = DSL.field(DSL.name("state"), String.class);
    public static final Field<OffsetDateTime> FINISHED_AT = DSL.field(DSL.name("finished_at"), OffsetDateTime.class);
    public static final Field<Long> EVENTS = DSL.field(DSL.name("events"), Long.class);
    public static final Field<String> NOTE = DSL.field(DSL.name("note"), String.class);
    /** The projection a rebuild fills alone; null when it rebuilds the whole read model. */
    public static final Field<String> PROJECTION = DSL.field(DSL.name("projection"), String.class);
    public static final Field<OffsetDateTime> STARTED_AT = DSL.field(DSL.name("started_at"), OffsetDateTime.class);
    /** The projector worker running the build ({@code host/pid}). */
    public static final Field<String> WORKER = DSL.field(DSL.name("worker"), String.class);
    /** Where a build stands: scanning, vacuuming or verifying. */
    public static final Field<String> PHASE = DSL.field(DSL.name("phase"), String.class);
    /** The events table's item count as DynamoDB reported it when the build began. */
    public static final Field<Long> ESTIMATED = DSL.field(DSL.name("estimated"), Long.class);
    /** When the worker running the build last said it is alive, by the database's clock. */
    public static final Field<OffsetDateTime> HEARTBEAT_AT = DSL.field(DSL.name("heartbeat_at"), OffsetDateTime.class);

    /** {@code tributary_control.projections}: each projection met, and whether the live read model serves it. */
    public static final Table<?> PROJECTIONS = DSL.table(DSL.name(ReadModelSchema.CONTROL, "projections"));
    public static final Field<String> PROJECTION_NAME = DSL.field(DSL.name("name"), String.class);
    public static final Field<String> PROJECTION_STATE = DSL.field(DSL.name("state"), String.class);
    public static final Field<OffsetDateTime> PROJECTION_SINCE = DSL.field(DSL.name("since"), OffsetDateTime.class);

    private Rebuilds() {
    }

    /**
     * Marks a rebuild that is still building as abandoned, with why: live batches stop going to its schema
     * from the next transaction on, and its switch refuses.
     *
     * @param events how many events its scan had read; null to leave the count as it is
     */
    public static int abandon(org.jooq.DSLContext db, String schema, String note, Long events) {
        var update = db.update(TABLE).set(STATE, "abandoned").set(FINISHED_AT, DSL.currentOffsetDateTime()).set(NOTE, note);
        if (events != null) {
            update = update.set(EVENTS, events);
        }
        return update.where(SCHEMA_NAME.eq(schema)).and(STATE.eq("building")).execute();
    }

    /**
     * The running build says it is alive, where it stands and how far it has read.
     *
     * @return false when the build is no longer building: another projector marked it orphaned, or it was
     *         abandoned; its worker should stop
     */
    public static boolean heartbeat(org.jooq.DSLContext db, String schema, String phase, long events, Long estimated) {
        return db.update(TABLE).set(HEARTBEAT_AT, DSL.currentOffsetDateTime()).set(PHASE, phase).set(EVENTS, events)
                .set(ESTIMATED, estimated)
                .where(SCHEMA_NAME.eq(schema)).and(STATE.eq("building")).execute() == 1;
    }

    /** A build marked orphaned: its schema, and the projection it built alone (null for a whole rebuild). */
    public record Orphan(String schema, String projection, String worker, OffsetDateTime lastHeartbeat) {
    }

    /**
     * Marks every build whose worker has not said it is alive for {@code silentFor} as orphaned, except
     * {@code running}, the one this process runs (its heartbeat may merely lag behind an outage): live
     * batches stop going to those schemas from the next transaction on, and their switches refuse.
     */
    public static java.util.List<Orphan> orphan(org.jooq.DSLContext sql, java.time.Duration silentFor, String running) {
        return sql.transactionResult(tx -> orphanIn(tx.dsl(), silentFor, running));
    }

    private static java.util.List<Orphan> orphanIn(org.jooq.DSLContext db, java.time.Duration silentFor, String running) {
        var silent = DSL.field("{0} < now() - {1} * interval '1 millisecond'", Boolean.class, HEARTBEAT_AT,
                DSL.val(silentFor.toMillis()));
        var orphans = db.select(SCHEMA_NAME, PROJECTION, WORKER, HEARTBEAT_AT).from(TABLE)
                .where(STATE.eq("building")).and(silent).and(running == null ? DSL.trueCondition() : SCHEMA_NAME.ne(running))
                .forUpdate().skipLocked()
                .fetch(r -> new Orphan(r.value1(), r.value2(), r.value3(), r.value4()));
        for (var orphan : orphans) {
            db.update(TABLE).set(STATE, "orphaned").set(FINISHED_AT, DSL.currentOffsetDateTime())
                    .set(NOTE, "no heartbeat from " + (orphan.worker() == null ? "its projector" : "worker " + orphan.worker())
                            + " since " + orphan.lastHeartbeat() + ": its projector stopped while it was building. Schema "
                            + orphan.schema() + " is kept for inspection; DROP SCHEMA " + orphan.schema() + " CASCADE frees it.")
                    .where(SCHEMA_NAME.eq(orphan.schema())).and(STATE.eq("building")).execute();
        }
        return orphans;
    }
}
