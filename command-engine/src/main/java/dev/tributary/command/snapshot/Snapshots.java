package dev.tributary.command.snapshot;

import dev.tributary.events.AggregateId;
import java.util.Optional;

/**
 * The latest snapshot of each aggregate. Snapshots make loading faster and are never the truth: the
 * events are. So nothing here throws, and nothing here fails a command. A snapshot that cannot be used
 * and a store that cannot be reached both look like no snapshot at all, and are logged at WARN.
 */
public interface Snapshots {

    /**
     * The aggregate's snapshot, read strongly consistently, when there is one that {@code codec} reads:
     * same state schema, well formed. Otherwise empty, and the unusable snapshot is logged once. One in
     * another schema is left for the service version that reads it; a malformed one is deleted.
     */
    <S> Optional<Snapshot<S>> find(AggregateId aggregate, StateCodec<S> codec);

    /**
     * Stores the snapshot in the background, unless the aggregate has one at the same or a newer version
     * by then: an older snapshot never replaces a newer one. Returns at once. The write may be dropped,
     * when the backlog is full, when it fails, or at shutdown past the drain deadline.
     */
    <S> void save(Snapshot<S> snapshot, StateCodec<S> codec);

    /**
     * Deletes this very snapshot (not a newer one), because it does not continue the aggregate's
     * history: it would never be replaced while it claims a version the aggregate has not reached.
     */
    void discard(Snapshot<?> snapshot, String why);
}
