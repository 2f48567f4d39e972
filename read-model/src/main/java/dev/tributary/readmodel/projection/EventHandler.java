package dev.tributary.readmodel.projection;

import dev.tributary.events.StoredEvent;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * Turns a batch's events into the read-model statements they cause. Each statement must be safe to
 * run again (guarded by key or version), though the position guard means it normally runs once.
 * One handler serves one batch in one schema.
 */
public interface EventHandler {

    /** The event's own statements, which run in its aggregate's version order. */
    List<Statement> queries(StoredEvent event);

    /**
     * Order-free effects (increments, least/greatest) of every event handed to {@link #queries} so far,
     * summed per row: statements to run once, after all the events' own statements.
     */
    List<Query> totals(DSLContext sql);
}
