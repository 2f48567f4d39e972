package dev.tributary.command.handling;

import dev.tributary.command.snapshot.StateCodec;
import dev.tributary.events.DomainEvent;
import java.util.List;

/**
 * An aggregate's behaviour as two pure functions, with no I/O.
 *
 * @param <C> its commands
 * @param <S> its state
 * @param <E> its events
 */
public interface Decider<C, S, E extends DomainEvent> {

    S initialState();

    /** The events that carrying out {@code command} in {@code state} produces; throws {@link CommandRejected}. */
    List<E> decide(C command, S state);

    S evolve(S state, E event);

    Class<E> eventType();

    /** How its state is kept in a snapshot. */
    StateCodec<S> stateCodec();
}
