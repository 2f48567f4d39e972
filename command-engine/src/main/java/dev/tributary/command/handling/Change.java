package dev.tributary.command.handling;

import dev.tributary.domain.Decider;

import dev.tributary.command.eventstore.EventStore.Append;
import dev.tributary.command.handling.Aggregates.Loaded;
import dev.tributary.command.snapshot.Snapshot;
import dev.tributary.command.snapshot.StateCodec;
import dev.tributary.events.DomainEvent;
import java.util.List;
import java.util.UUID;

/**
 * What a command does to one aggregate: the events it decided from a loaded state, and the state they
 * lead to, which is what a snapshot at the aggregate's new version holds once the events are stored.
 *
 * @param before the state decided from
 * @param after  {@code before}'s state evolved with {@code events}
 */
public record Change<S>(Loaded<S> before, List<? extends DomainEvent> events, S after, StateCodec<S> codec) {

    public Change {
        events = List.copyOf(events);
    }

    public static <C, S, E extends DomainEvent> Change<S> of(Loaded<S> before, Aggregate<C, S, E> decider, List<E> events) {
        S state = before.state();
        for (E event : events) {
            state = decider.evolve(state, event);
        }
        return new Change<>(before, events, state, decider.stateCodec());
    }

    public long newVersion() {
        return before.version() + events.size();
    }

    Append append() {
        return new Append(before.aggregate(), before.version(), events);
    }

    Snapshot<S> snapshot(UUID commandId) {
        return new Snapshot<>(before.aggregate(), newVersion(), commandId, after);
    }
}
