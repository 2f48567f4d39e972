package dev.tributary.command.handling;

import dev.tributary.command.eventstore.EventStore.Append;
import dev.tributary.events.AggregateId;
import java.util.List;

/**
 * What a command decided: a change to each aggregate it touches, and which aggregate the client
 * addressed. No events at all means the command changed nothing (it asked for what already is).
 *
 * @param primaryVersion the addressed aggregate's version before the command, for {@code If-Match}
 * @param created        whether the command created the addressed aggregate (201) or changed it (200)
 */
public record Decision(AggregateId primary, long primaryVersion, List<Change<?>> changes, boolean created) {

    public Decision {
        changes = List.copyOf(changes);
    }

    /** The events to append, for each aggregate that has any. */
    public List<Append> appends() {
        return changes.stream().filter(c -> !c.events().isEmpty()).map(Change::append).toList();
    }

    /** The addressed aggregate's version after the command. */
    public long newVersion() {
        return changes.stream().filter(c -> c.before().aggregate().equals(primary)).mapToLong(Change::newVersion)
                .findFirst().orElse(primaryVersion);
    }
}
