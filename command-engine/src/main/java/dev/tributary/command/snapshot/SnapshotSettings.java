package dev.tributary.command.snapshot;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * When the command service snapshots aggregates ({@code tributary.command.*}, or
 * {@code TRIBUTARY_COMMAND_*} environment variables).
 *
 * @param snapshotEvery       snapshot an aggregate once a command takes it this many versions or more past
 *                            the snapshot it was loaded from; 0 turns snapshots off, read and write
 * @param snapshotReadTimeout how long a load waits for a snapshot, retries included, before it gives up
 *                            and reads all the aggregate's events instead
 */
@ConfigurationProperties("tributary.command")
public record SnapshotSettings(
        @Bindable(defaultValue = "100") int snapshotEvery,
        @Bindable(defaultValue = "500ms") Duration snapshotReadTimeout) {

    public SnapshotSettings {
        if (snapshotEvery < 0) {
            throw new IllegalArgumentException("tributary.command.snapshot-every must be 0 (off) or more, was " + snapshotEvery);
        }
    }

    public boolean enabled() {
        return snapshotEvery > 0;
    }

    /** Whether an aggregate loaded from the snapshot at {@code loadedFrom} (0 for none) and now at {@code version} is due one. */
    public boolean due(long loadedFrom, long version) {
        return enabled() && version - loadedFrom >= snapshotEvery;
    }
}
