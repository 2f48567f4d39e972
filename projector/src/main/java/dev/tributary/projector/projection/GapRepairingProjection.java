package dev.tributary.projector.projection;

import dev.tributary.events.StoredEvent;
import jakarta.inject.Singleton;
import java.util.ArrayList;
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

    /** @return how many events changed the read model */
    public int apply(ProjectedBatch batch) {
        ProjectedBatch current = batch;
        int repairs = 0;
        while (true) {
            try {
                return projection.apply(current);
            } catch (EventGapException gap) {
                if (++repairs > batch.events().size()) {
                    throw gap;
                }
                var missing = log.between(gap.aggregate(), gap.appliedVersion() + 1, gap.arrivedVersion() - 1);
                LOG.info("{}; fetched {} missing event(s) from the events table", gap.getMessage(), missing.size());
                current = withMissing(current, gap, missing);
            }
        }
    }

    private static ProjectedBatch withMissing(ProjectedBatch batch, EventGapException gap, java.util.List<StoredEvent> missing) {
        var events = new ArrayList<StoredEvent>(batch.events().size() + missing.size());
        boolean inserted = false;
        for (StoredEvent event : batch.events()) {
            if (!inserted && event.aggregateId().pk().equals(gap.aggregate()) && event.version() == gap.arrivedVersion()) {
                events.addAll(missing);
                inserted = true;
            }
            events.add(event);
        }
        return new ProjectedBatch(batch.shardId(), batch.lastSequenceNumber(), batch.lastEventAt(), events);
    }
}
