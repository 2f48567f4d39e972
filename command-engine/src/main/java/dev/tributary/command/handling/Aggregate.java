package dev.tributary.command.handling;

import dev.tributary.command.snapshot.StateCodec;
import dev.tributary.domain.Decider;
import dev.tributary.events.DomainEvent;
import java.util.List;

/**
 * An aggregate as the command engine runs it: the domain's pure {@link Decider}, and the format its
 * state is snapshotted in. It decides as its decider does.
 */
public record Aggregate<C, S, E extends DomainEvent>(Decider<C, S, E> decider, StateCodec<S> stateCodec)
        implements Decider<C, S, E> {

    @Override
    public S initialState() {
        return decider.initialState();
    }

    @Override
    public List<E> decide(C command, S state) {
        return decider.decide(command, state);
    }

    @Override
    public S evolve(S state, E event) {
        return decider.evolve(state, event);
    }

    @Override
    public Class<E> eventType() {
        return decider.eventType();
    }
}
