package dev.tributary.eventstore;

/**
 * The DynamoDB table names of one deployment.
 *
 * @param snapshots the write side's aggregate snapshots; see {@link #TableNames(String, String)} for its
 *                  default name
 */
public record TableNames(String events, String idempotency, String snapshots) {

    public static final TableNames DEFAULTS = new TableNames("tributary-events", "tributary-idempotency");

    /**
     * Names the snapshots table after the events table: {@code <prefix>events} gives
     * {@code <prefix>snapshots} ({@code tributary-events} gives {@code tributary-snapshots}); any other
     * name gets {@code -snapshots} appended.
     */
    public TableNames(String events, String idempotency) {
        this(events, idempotency, snapshotsFor(events));
    }

    private static String snapshotsFor(String events) {
        return events.endsWith("events")
                ? events.substring(0, events.length() - "events".length()) + "snapshots"
                : events + "-snapshots";
    }
}
