package dev.tributary.command.eventstore;

import dev.tributary.events.AggregateId;
import dev.tributary.domain.DomainRejection;

/** Another writer appended to the aggregate first. Nothing was written. */
public class ConcurrencyConflict extends DomainRejection {

    private final AggregateId aggregate;

    public ConcurrencyConflict(AggregateId aggregate, long expectedVersion) {
        super(aggregate + " has moved past version " + expectedVersion + "; reload and retry",
                "version > " + expectedVersion);
        this.aggregate = aggregate;
    }

    public AggregateId aggregate() {
        return aggregate;
    }
}
