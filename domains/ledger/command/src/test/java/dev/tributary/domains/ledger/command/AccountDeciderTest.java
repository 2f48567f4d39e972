package dev.tributary.domains.ledger.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.domain.AggregateNotFound;
import dev.tributary.domain.CommandInvalid;
import dev.tributary.domain.CommandRejected;
import dev.tributary.domains.ledger.command.AccountCommand.Deposit;
import dev.tributary.domains.ledger.command.AccountCommand.OpenAccount;
import dev.tributary.domains.ledger.command.AccountCommand.ReceiveTransfer;
import dev.tributary.domains.ledger.command.AccountCommand.SendTransfer;
import dev.tributary.domains.ledger.command.AccountCommand.Withdraw;
import dev.tributary.domains.ledger.command.AccountState.Open;
import dev.tributary.domains.ledger.events.AccountEvent;
import dev.tributary.events.Money;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AccountDeciderTest {

    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final AccountDecider DECIDER = AccountDecider.INSTANCE;

    /**
     * Any sequence of deposits, withdrawals and transfers, accepted or refused: the balance is never
     * negative, equals what came in minus what went out, and a refused command changes nothing.
     */
    @Property(tries = 300)
    void no_sequence_of_commands_overdraws_an_account_and_the_balance_is_the_sum_of_its_events(
            @ForAll("commands") List<AccountCommand> commands) {
        AccountState state = fold(DECIDER.initialState(), DECIDER.decide(new OpenAccount(ACCOUNT, "Ada", "EUR"), DECIDER.initialState()));
        long in = 0;
        long out = 0;
        for (AccountCommand command : commands) {
            List<AccountEvent> events;
            try {
                events = DECIDER.decide(command, state);
            } catch (CommandRejected | CommandInvalid refused) {
                continue;
            }
            for (AccountEvent event : events) {
                switch (event) {
                    case AccountEvent.MoneyDeposited d -> in += d.amount().minor();
                    case AccountEvent.TransferReceived r -> in += r.amount().minor();
                    case AccountEvent.MoneyWithdrawn w -> out += w.amount().minor();
                    case AccountEvent.TransferSent s -> out += s.amount().minor();
                    case AccountEvent.AccountOpened ignored -> throw new AssertionError("opened twice");
                }
            }
            state = fold(state, events);
            assertThat(((Open) state).balanceMinor()).isNotNegative().isEqualTo(in - out);
        }
    }

    @Provide
    Arbitrary<List<AccountCommand>> commands() {
        Arbitrary<Long> amounts = Arbitraries.longs().between(-5, 5_000).edgeCases(c -> c.add(0L));
        Arbitrary<AccountCommand> command = Arbitraries.oneOf(
                amounts.map(a -> new Deposit(ACCOUNT, a)),
                amounts.map(a -> new Withdraw(ACCOUNT, a)),
                amounts.map(a -> new SendTransfer(ACCOUNT, UUID.randomUUID(), UUID.randomUUID(), a)),
                amounts.map(a -> new ReceiveTransfer(ACCOUNT, UUID.randomUUID(), UUID.randomUUID(), new Money(Math.max(a, 0), "EUR"))),
                amounts.map(a -> new ReceiveTransfer(ACCOUNT, UUID.randomUUID(), UUID.randomUUID(), new Money(Math.max(a, 1), "USD"))));
        return command.list().ofMaxSize(40);
    }

    @Test
    void money_cannot_move_before_the_account_is_open_nor_to_itself_nor_past_the_largest_balance() {
        assertThatThrownBy(() -> DECIDER.decide(new Deposit(ACCOUNT, 1), DECIDER.initialState())).isInstanceOf(AggregateNotFound.class);
        var open = new Open("Ada", "EUR", Long.MAX_VALUE - 1);
        assertThatThrownBy(() -> DECIDER.decide(new Deposit(ACCOUNT, 2), open)).isInstanceOf(CommandInvalid.class);
        assertThatThrownBy(() -> DECIDER.decide(new SendTransfer(ACCOUNT, UUID.randomUUID(), ACCOUNT, 1), open))
                .isInstanceOf(CommandInvalid.class);
        assertThatThrownBy(() -> DECIDER.decide(new OpenAccount(ACCOUNT, "Ada", "EUR"), open)).isInstanceOf(CommandRejected.class);
    }

    private static AccountState fold(AccountState state, List<AccountEvent> events) {
        for (AccountEvent event : events) {
            state = DECIDER.evolve(state, event);
        }
        return state;
    }
}
