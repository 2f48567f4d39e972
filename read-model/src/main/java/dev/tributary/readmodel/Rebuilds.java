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
}
