package dev.tributary.command.snapshot;

import dev.tributary.events.AggregateId;
import java.util.UUID;

/**
 * An aggregate's state at a version, kept so that loading it reads only the events after that version.
 *
 * @param commandId the command whose events brought the aggregate to {@code version}. The event at that
 *                  version carries the same id, so a load can tell that the snapshot continues the
 *                  history it finds in the events table, and not some other history (a table restored
 *                  to an earlier point, say).
 */
public record Snapshot<S>(AggregateId aggregate, long version, UUID commandId, S state) {
}
