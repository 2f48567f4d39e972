package dev.tributary.command.handling;

import dev.tributary.command.eventstore.EventStore;
import dev.tributary.events.AggregateId;
import dev.tributary.events.DomainEvent;
import dev.tributary.events.StoredEvent;
import jakarta.inject.Singleton;

/** Loads an aggregate's state by folding its events with its decider. */
@Singleton
public final class Aggregates {

    private final EventStore events;

    Aggregates(EventStore events) {
        this.events = events;
    }

    public <C, S, E extends DomainEvent> Loaded<S> load(AggregateId aggregate, Decider<C, S, E> decider) {
        S state = decider.initialState();
        long version = 0;
        for (StoredEvent stored : events.load(aggregate)) {
            state = decider.evolve(state, decider.eventType().cast(stored.data()));
            version = stored.version();
        }
        return new Loaded<>(aggregate, version, state);
    }

    /** An aggregate's state at a version; version 0 means it does not exist yet. */
    public record Loaded<S>(AggregateId aggregate, long version, S state) {

        public boolean exists() {
            return version > 0;
        }
    }
}
