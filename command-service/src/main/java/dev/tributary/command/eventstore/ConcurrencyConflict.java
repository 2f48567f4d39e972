package dev.tributary.command.eventstore;

import dev.tributary.events.AggregateId;
import dev.tributary.kit.http.DomainRejection;

/** Another writer appended to the aggregate first. Nothing was written. */
public class ConcurrencyConflict extends RuntimeException implements DomainRejection {

    private final AggregateId aggregate;
    private final long expectedVersion;

    public ConcurrencyConflict(AggregateId aggregate, long expectedVersion) {
        super(aggregate + " has moved past version " + expectedVersion + "; reload and retry");
        this.aggregate = aggregate;
        this.expectedVersion = expectedVersion;
    }

    public AggregateId aggregate() {
        return aggregate;
    }

    @Override
    public String currentState() {
        return "version > " + expectedVersion;
    }
}
