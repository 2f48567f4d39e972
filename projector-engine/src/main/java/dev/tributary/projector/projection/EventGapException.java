package dev.tributary.projector.projection;

/** An event arrived before earlier versions of its aggregate were applied. */
public class EventGapException extends RuntimeException {

    private final String aggregate;
    private final long appliedVersion;
    private final long arrivedVersion;

    public EventGapException(String aggregate, long appliedVersion, long arrivedVersion) {
        super(aggregate + ": version " + arrivedVersion + " arrived, but only " + appliedVersion + " is applied");
        this.aggregate = aggregate;
        this.appliedVersion = appliedVersion;
        this.arrivedVersion = arrivedVersion;
    }

    public String aggregate() {
        return aggregate;
    }

    public long appliedVersion() {
        return appliedVersion;
    }

    public long arrivedVersion() {
        return arrivedVersion;
    }
}
