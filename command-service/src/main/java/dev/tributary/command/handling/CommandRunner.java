package dev.tributary.command.handling;

import dev.tributary.command.eventstore.EventStore;
import dev.tributary.command.eventstore.EventStore.Appended;
import dev.tributary.events.AggregateId;
import dev.tributary.events.StoredEvent;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Carries out a command on one aggregate: loads its events, folds them into state, decides, and
 * appends the result conditionally on the version it decided from.
 */
@Singleton
public final class CommandRunner {

    private final EventStore events;

    CommandRunner(EventStore events) {
        this.events = events;
    }

    /**
     * @throws CommandRejected when the state does not allow the command
     * @throws dev.tributary.command.eventstore.ConcurrencyConflict when another writer got there first
     */
    public <C, S, E extends dev.tributary.events.DomainEvent> Appended run(
            AggregateId aggregate, Decider<C, S, E> decider, C command, UUID commandId) {
        S state = decider.initialState();
        long version = 0;
        for (StoredEvent stored : events.load(aggregate)) {
            state = decider.evolve(state, decider.eventType().cast(stored.data()));
            version = stored.version();
        }
        return events.append(aggregate, version, decider.decide(command, state), commandId);
    }
}
