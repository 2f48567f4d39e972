package dev.tributary.domain;

import dev.tributary.events.DomainEvent;
import java.util.List;

/**
 * An aggregate's behaviour as two pure functions, with no I/O. It reports a refused command by throwing
 * {@link CommandRejected}, {@link CommandInvalid} or {@link AggregateNotFound}, which the HTTP edge maps
 * to 409, 422 and 404.
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
}
