package dev.tributary.readmodel;

import dev.tributary.events.StoredEvent;
import dev.tributary.readmodel.projection.EventHandler;
import java.util.Collection;
import java.util.List;
import org.jooq.DSLContext;

/**
 * One projection: a name, the tables it keeps, and how events change them. The projector applies
 * every projection's statements for a batch in one transaction with the positions, so each is
 * effectively once.
 */
public interface DomainProjection {

    /** Unique across all domains, lower case with dashes, such as {@code shop-sales}. */
    String name();

    /** The tables it keeps, each claimed by it alone. */
    List<ReadModelTable> tables();

    /** A handler for one batch in one schema; it may keep sums across the batch's events. */
    EventHandler newHandler();

    /**
     * Aggregates besides a batch's own whose rows its statements change, known from the events alone:
     * locked with the batch's, in one fixed order, before anything is read. Keys are partition keys.
     */
    default Collection<String> alsoLocks(List<StoredEvent> batch) {
        return List.of();
    }

    /**
     * Aggregates whose rows its statements change that only the read model can name: locked after the
     * batch's own. Two writers can deadlock on these; Postgres then aborts one, and its batch is retried.
     */
    default Collection<String> alsoLocksAfterReading(DSLContext db, List<StoredEvent> batch) {
        return List.of();
    }
}
