package dev.tributary.projector.projection;

import dev.tributary.events.StoredEvent;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a batch; when an aggregate's event arrives ahead of versions not yet applied, fetches the
 * missing versions from the events table and applies them first, in the same transaction.
 */
@Singleton
public final class GapRepairingProjection {

    private static final Logger LOG = LoggerFactory.getLogger(GapRepairingProjection.class);

    private final Projection projection;
    private final EventLog log;

    GapRepairingProjection(Projection projection, EventLog log) {
        this.projection = projection;
        this.log = log;
    }

    /** Applies a live batch to every target schema; returns how many events changed the live read model. */
    public int apply(ProjectedBatch batch) {
        return repairing(batch, projection::apply);
    }

    /** Applies events to one schema only (a rebuild's), with one projection or (null) all; returns how many changed it. */
    public int applyTo(String schema, String only, ProjectedBatch batch) {
        return repairing(batch, b -> projection.applyTo(schema, only, b));
    }

    private int repairing(ProjectedBatch batch, ToIntFunction<ProjectedBatch> apply) {
        ProjectedBatch current = batch;
        int repairs = 0;
        while (true) {
            try {
                return apply.applyAsInt(current);
            } catch (EventGapException gap) {
                if (++repairs > batch.events().size()) {
                    throw gap;
                }
                var missing = log.between(gap.aggregate(), gap.appliedVersion() + 1, gap.arrivedVersion() - 1);
                LOG.debug("{}; fetched {} missing event(s) from the events table", gap.getMessage(), missing.size());
                current = withMissing(current, gap, missing);
            }
        }
    }

    private static ProjectedBatch withMissing(ProjectedBatch batch, EventGapException gap, List<StoredEvent> missing) {
        var events = new ArrayList<StoredEvent>(batch.events().size() + missing.size());
        boolean inserted = false;
        for (StoredEvent event : batch.events()) {
            if (!inserted && event.aggregateId().pk().equals(gap.aggregate()) && event.version() == gap.arrivedVersion()) {
                events.addAll(missing);
                inserted = true;
            }
            events.add(event);
        }
        return batch.withEvents(events);
    }
}
