package dev.tributary.command.handling;

import dev.tributary.domain.AggregateNotFound;
import dev.tributary.domain.CommandInvalid;
import dev.tributary.domain.CommandRejected;
import dev.tributary.domain.Decider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.events.DomainEvent;
import java.util.List;

/** Given events, when a command, then events (or a refusal): the grammar of the domain tests. */
public final class DeciderSpec<C, S, E extends DomainEvent> {

    private final Decider<C, S, E> decider;
    private S state;

    private DeciderSpec(Decider<C, S, E> decider, List<E> history) {
        this.decider = decider;
        this.state = decider.initialState();
        for (E event : history) {
            state = decider.evolve(state, event);
        }
    }

    @SafeVarargs
    public static <C, S, E extends DomainEvent> DeciderSpec<C, S, E> given(Decider<C, S, E> decider, E... history) {
        return new DeciderSpec<>(decider, List.of(history));
    }

    public When when(C command) {
        return new When(command);
    }

    public final class When {
        private final C command;

        private When(C command) {
            this.command = command;
        }

        @SafeVarargs
        public final void then(E... expected) {
            assertThat(decider.decide(command, state)).containsExactly(expected);
        }

        public void thenNothingChanges() {
            assertThat(decider.decide(command, state)).isEmpty();
        }

        /** Refused with 409, naming the state it met. */
        public void thenRejectedIn(String currentState) {
            assertThatThrownBy(() -> decider.decide(command, state))
                    .isInstanceOfSatisfying(CommandRejected.class,
                            e -> assertThat(e.currentState()).startsWith(currentState));
        }

        public void thenNotFound() {
            assertThatThrownBy(() -> decider.decide(command, state)).isInstanceOf(AggregateNotFound.class);
        }

        public void thenInvalid(String message) {
            assertThatThrownBy(() -> decider.decide(command, state))
                    .isInstanceOf(CommandInvalid.class).hasMessageContaining(message);
        }
    }
}
