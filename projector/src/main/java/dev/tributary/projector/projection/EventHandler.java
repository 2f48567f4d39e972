package dev.tributary.projector.projection;

import dev.tributary.events.StoredEvent;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * Turns one event into the read-model statements it causes. Each statement must be safe to run
 * again (guarded by key or version), though the position guard means it normally runs once.
 */
interface EventHandler {

    List<Query> queries(DSLContext sql, StoredEvent event);
}
