package dev.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The projector as a process of its own, killed at the worst moments: after a batch's commit but
 * before its checkpoint, in the middle of a batch, and by {@code kill -9} at a moment it does not
 * choose. Events keep arriving while it is down. After the last restart the read model must equal a
 * clean rebuild from the events table, table by table, by checksum.
 */
class ProjectorCrashIT {

    private static final EventHistories HISTORIES = new EventHistories(42);
    private static ProjectorHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new ProjectorHarness("crash");
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void projector_killed_after_commit_mid_batch_and_by_kill_9_converges_to_a_clean_rebuild() throws Exception {
        harness.write(HISTORIES.catalog(40, 15));
        harness.write(HISTORIES.orders(250));

        var afterCommit = harness.start(Map.of("tributary.projector.crash-at", "after-commit:3"));
        assertThat(afterCommit.process().awaitExit(Duration.ofSeconds(90))).as("halted after the 3rd commit").hasValue(137);
        long appliedBeforeSecondCrash = harness.applied();
        assertThat(appliedBeforeSecondCrash).as("the three committed batches stay committed").isPositive();
        harness.write(HISTORIES.orders(50));

        var midBatch = harness.start(Map.of("tributary.projector.crash-at", "mid-batch:2"));
        assertThat(midBatch.process().awaitExit(Duration.ofSeconds(90))).as("halted inside the 2nd transaction").hasValue(137);
        harness.write(HISTORIES.orders(50));

        var killed = harness.start(Map.of());
        harness.awaitApplied(applied -> applied > appliedBeforeSecondCrash + 100);
        killed.process().kill();
        harness.write(HISTORIES.orders(50));

        var last = harness.start(Map.of());
        try {
            harness.awaitAllApplied();
            assertThat(harness.positions()).as("every aggregate at its last version").isEqualTo(harness.expectedPositions());
            harness.assertEqualsCleanRebuild(last);
        } finally {
            last.process().stop(30);
        }
    }
}
