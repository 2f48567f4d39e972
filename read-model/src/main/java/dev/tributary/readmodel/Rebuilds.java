package dev.tributary.readmodel;

import java.time.OffsetDateTime;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * {@code tributary_control.rebuilds}: every read-model rebuild and its state. Written by hand rather
 * than generated, because it lives outside the read model it outlives.
 */
public final class Rebuilds {

    public static final Table<?> TABLE = DSL.table(DSL.name(ReadModelSchema.CONTROL, "rebuilds"));
    public static final Field<String> SCHEMA_NAME = DSL.field(DSL.name("schema_name"), String.class);
    public static final Field<String> STATE = DSL.field(DSL.name("state"), String.class);
    public static final Field<OffsetDateTime> FINISHED_AT = DSL.field(DSL.name("finished_at"), OffsetDateTime.class);
    public static final Field<Long> EVENTS = DSL.field(DSL.name("events"), Long.class);
    public static final Field<String> NOTE = DSL.field(DSL.name("note"), String.class);

    private Rebuilds() {
    }
}
