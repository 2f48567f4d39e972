package dev.tributary.command.handling;

import dev.tributary.domain.Decider;

import dev.tributary.command.eventstore.EventStore;
import dev.tributary.command.snapshot.Snapshot;
import dev.tributary.command.snapshot.SnapshotSettings;
import dev.tributary.command.snapshot.Snapshots;
import dev.tributary.events.AggregateId;
import dev.tributary.events.DomainEvent;
import dev.tributary.events.StoredEvent;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Loads an aggregate's state by folding its events with its decider, starting from its snapshot when
 * it has a usable one, so only the events after the snapshot are read.
 *
 * <p>A snapshot is used only when the event at its version is there and was written by the snapshot's
 * command; otherwise it is discarded and the aggregate is folded from its first event. Either way the
 * state is the fold of every event: a snapshot makes a load faster, never different.
 */
@Singleton
public final class Aggregates {

    private final EventStore events;
    private final Snapshots snapshots;
    private final SnapshotSettings settings;

    Aggregates(EventStore events, Snapshots snapshots, SnapshotSettings settings) {
        this.events = events;
        this.snapshots = snapshots;
        this.settings = settings;
    }

    public <C, S, E extends DomainEvent> Loaded<S> load(AggregateId aggregate, Aggregate<C, S, E> decider) {
        if (settings.enabled()) {
            var fromSnapshot = snapshots.find(aggregate, decider.stateCodec()).flatMap(s -> continueFrom(s, decider));
            if (fromSnapshot.isPresent()) {
                return fromSnapshot.get();
            }
        }
        return fold(decider, Loaded.initial(aggregate, decider), events.load(aggregate, 1));
    }

    private <C, S, E extends DomainEvent> Optional<Loaded<S>> continueFrom(Snapshot<S> snapshot, Aggregate<C, S, E> decider) {
        List<StoredEvent> history = events.load(snapshot.aggregate(), snapshot.version());
        if (history.isEmpty() || history.getFirst().version() != snapshot.version()
                || !history.getFirst().commandId().equals(snapshot.commandId())) {
            snapshots.discard(snapshot, "the events table has no event of command " + snapshot.commandId()
                    + " at version " + snapshot.version());
            return Optional.empty();
        }
        var start = new Loaded<>(snapshot.aggregate(), snapshot.version(), snapshot.state(), snapshot.version());
        return Optional.of(fold(decider, start, history.subList(1, history.size())));
    }

    private static <C, S, E extends DomainEvent> Loaded<S> fold(Decider<C, S, E> decider, Loaded<S> start,
                                                               List<StoredEvent> after) {
        S state = start.state();
        long version = start.version();
        for (StoredEvent stored : after) {
            state = decider.evolve(state, decider.eventType().cast(stored.data()));
            version = stored.version();
        }
        return new Loaded<>(start.aggregate(), version, state, start.snapshotVersion());
    }

    /**
     * An aggregate's state at a version; version 0 means it does not exist yet.
     *
     * @param snapshotVersion the version of the snapshot it was loaded from; 0 when folded from its first event
     */
    public record Loaded<S>(AggregateId aggregate, long version, S state, long snapshotVersion) {

        /** An aggregate that does not exist yet, about to be created. */
        public static <S> Loaded<S> initial(AggregateId aggregate, Decider<?, S, ?> decider) {
            return new Loaded<>(aggregate, 0, decider.initialState(), 0);
        }

        public boolean exists() {
            return version > 0;
        }
    }
}
