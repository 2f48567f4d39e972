package dev.tributary.command.handling;

import dev.tributary.command.eventstore.EventStore.Append;
import dev.tributary.events.AggregateId;
import java.util.List;

/**
 * What a command decided: the events for each aggregate it touches, and which aggregate the client
 * addressed. No appends means the command changed nothing (it asked for what already is).
 *
 * @param primaryVersion the addressed aggregate's version before the command, for {@code If-Match}
 * @param created        whether the command created the addressed aggregate (201) or changed it (200)
 */
public record Decision(AggregateId primary, long primaryVersion, List<Append> appends, boolean created) {

    public Decision {
        appends = List.copyOf(appends);
    }

    /** The addressed aggregate's version after the command. */
    public long newVersion() {
        return appends.stream().filter(a -> a.aggregate().equals(primary)).mapToLong(Append::newVersion)
                .findFirst().orElse(primaryVersion);
    }
}
