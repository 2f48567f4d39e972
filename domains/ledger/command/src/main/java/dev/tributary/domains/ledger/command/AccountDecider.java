package dev.tributary.domains.ledger.command;

import dev.tributary.domain.AggregateNotFound;
import dev.tributary.domain.CommandInvalid;
import dev.tributary.domain.CommandRejected;
import dev.tributary.domain.Decider;
import dev.tributary.domains.ledger.command.AccountCommand.Deposit;
import dev.tributary.domains.ledger.command.AccountCommand.OpenAccount;
import dev.tributary.domains.ledger.command.AccountCommand.ReceiveTransfer;
import dev.tributary.domains.ledger.command.AccountCommand.SendTransfer;
import dev.tributary.domains.ledger.command.AccountCommand.Withdraw;
import dev.tributary.domains.ledger.command.AccountState.Open;
import dev.tributary.domains.ledger.command.AccountState.Unopened;
import dev.tributary.domains.ledger.events.AccountEvent;
import dev.tributary.domains.ledger.events.AccountEvent.AccountOpened;
import dev.tributary.domains.ledger.events.AccountEvent.MoneyDeposited;
import dev.tributary.domains.ledger.events.AccountEvent.MoneyWithdrawn;
import dev.tributary.domains.ledger.events.AccountEvent.TransferReceived;
import dev.tributary.domains.ledger.events.AccountEvent.TransferSent;
import dev.tributary.domains.ledger.events.Ledger;
import dev.tributary.events.Money;
import java.util.List;

/**
 * The Account aggregate's rules. An account opens once, empty. Money comes in by deposit or transfer
 * and goes out by withdrawal or transfer; what goes out never exceeds the balance, so a balance is
 * never negative. Amounts are positive whole minor units of the account's currency.
 */
public final class AccountDecider implements Decider<AccountCommand, AccountState, AccountEvent> {

    public static final AccountDecider INSTANCE = new AccountDecider();

    @Override
    public AccountState initialState() {
        return new Unopened();
    }

    @Override
    public List<AccountEvent> decide(AccountCommand command, AccountState state) {
        return switch (command) {
            case OpenAccount open -> switch (state) {
                case Unopened ignored -> List.of(new AccountOpened(open.accountId(), open.owner(), open.currency()));
                case Open ignored -> throw new CommandRejected("account " + open.accountId() + " is already open", "open");
            };
            case Deposit deposit -> {
                var account = open(command, state);
                yield List.of(new MoneyDeposited(deposit.accountId(), credit(command, account, deposit.amountMinor())));
            }
            case Withdraw withdraw -> {
                var account = open(command, state);
                yield List.of(new MoneyWithdrawn(withdraw.accountId(), debit(command, account, withdraw.amountMinor())));
            }
            case SendTransfer send -> {
                var account = open(command, state);
                if (send.toAccountId().equals(send.accountId())) {
                    throw new CommandInvalid("account " + send.accountId() + " cannot transfer to itself");
                }
                yield List.of(new TransferSent(send.accountId(), send.transferId(), send.toAccountId(),
                        debit(command, account, send.amountMinor())));
            }
            case ReceiveTransfer receive -> {
                var account = open(command, state);
                if (!account.currency().equals(receive.amount().currency())) {
                    throw new CommandInvalid("account " + receive.accountId() + " holds " + account.currency()
                            + " and cannot receive " + receive.amount().currency());
                }
                yield List.of(new TransferReceived(receive.accountId(), receive.transferId(), receive.fromAccountId(),
                        credit(command, account, receive.amount().minor())));
            }
        };
    }

    @Override
    public AccountState evolve(AccountState state, AccountEvent event) {
        return switch (event) {
            case AccountOpened opened -> new Open(opened.owner(), opened.currency(), 0);
            case MoneyDeposited deposited -> add(state, deposited.amount().minor());
            case TransferReceived received -> add(state, received.amount().minor());
            case MoneyWithdrawn withdrawn -> add(state, -withdrawn.amount().minor());
            case TransferSent sent -> add(state, -sent.amount().minor());
        };
    }

    @Override
    public Class<AccountEvent> eventType() {
        return AccountEvent.class;
    }

    private static AccountState add(AccountState state, long minor) {
        return state instanceof Open open ? new Open(open.owner(), open.currency(), open.balanceMinor() + minor) : state;
    }

    private static Open open(AccountCommand command, AccountState state) {
        return switch (state) {
            case Open open -> open;
            case Unopened ignored -> throw new AggregateNotFound(Ledger.account(command.accountId()));
        };
    }

    private static Money credit(AccountCommand command, Open account, long minor) {
        positive(minor);
        try {
            Math.addExact(account.balanceMinor(), minor);
        } catch (ArithmeticException e) {
            throw new CommandInvalid("account " + command.accountId() + " cannot hold more than " + Long.MAX_VALUE + " minor units");
        }
        return new Money(minor, account.currency());
    }

    private static Money debit(AccountCommand command, Open account, long minor) {
        positive(minor);
        if (minor > account.balanceMinor()) {
            throw new CommandRejected("account " + command.accountId() + " has " + account.balanceMinor() + " " + account.currency()
                    + " minor units, fewer than the " + minor + " asked for", "insufficient-funds");
        }
        return new Money(minor, account.currency());
    }

    private static void positive(long minor) {
        if (minor <= 0) {
            throw new CommandInvalid("an amount is a positive number of minor units, not " + minor);
        }
    }
}
