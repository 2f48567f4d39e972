package dev.tributary.aws;

/**
 * The projector's Micrometer meters as CloudWatch receives them. Micrometer's CloudWatch registry
 * (cloudwatch2) keeps meter names as they are (identity naming, tags truncated to 255 characters),
 * appends the statistic it sends ({@code .count} for a counter, {@code .value} for a gauge) and turns
 * tags into dimensions. Counters are sent as the count within each step (one minute).
 */
final class ProjectorMetrics {

    /** Set in the task by {@code MICRONAUT_METRICS_EXPORT_CLOUDWATCH_NAMESPACE}; the only one it may write. */
    static final String NAMESPACE = "Tributary";

    /** Per shard (dimension {@code shard}): age of the oldest record received and not yet applied; 0 when none waits. */
    static final String LAG = "tributary.projector.lag.value";
    static final String SHARD_DIMENSION = "shard";
    /** Per shard: 1 while records wait and none has been applied for the projector's stall-after (30 s), else 0. */
    static final String STALLED = "tributary.projector.stalled.value";
    static final String EVENTS_APPLIED = "tributary.projector.events.applied.count";
    static final String DEAD_LETTERS = "tributary.projector.dead.letters.count";

    private ProjectorMetrics() {
    }
}
