package dev.tributary.domains.ledger.command;

import dev.tributary.command.handling.Aggregates;
import dev.tributary.command.handling.Change;
import dev.tributary.command.handling.CommandContext;
import dev.tributary.command.handling.CommandRunner;
import dev.tributary.command.handling.CommandRunner.Outcome;
import dev.tributary.command.handling.CommandRunner.RetryPolicy;
import dev.tributary.command.handling.Decision;
import dev.tributary.domain.CommandInvalid;
import dev.tributary.domains.ledger.command.AccountCommand.ReceiveTransfer;
import dev.tributary.domains.ledger.command.AccountCommand.SendTransfer;
import dev.tributary.domains.ledger.events.AccountEvent.TransferSent;
import dev.tributary.domains.ledger.events.Ledger;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/**
 * Moves money between two accounts atomically: one {@code TransactWriteItems} holds the source's
 * {@code TransferSent} and the target's {@code TransferReceived}, each conditional on the version its
 * decision was made from. If either account changed in between (another withdrawal, another transfer),
 * nothing is written and the transfer is decided again from fresh balances, so the source is never
 * overdrawn and money is never created or lost: both events are stored, or neither.
 */
@Singleton
public final class Transfers {

    private final CommandRunner commands;
    private final Aggregates aggregates;

    Transfers(CommandRunner commands, Aggregates aggregates) {
        this.commands = commands;
        this.aggregates = aggregates;
    }

    /** The answer names the source account, with its version after the transfer. */
    public Outcome transfer(CommandContext context, UUID transferId, UUID from, UUID to, long amountMinor) {
        if (from.equals(to)) {
            throw new CommandInvalid("account " + from + " cannot transfer to itself");
        }
        return commands.run(context, RetryPolicy.REDECIDE, () -> decide(transferId, from, to, amountMinor));
    }

    private Decision decide(UUID transferId, UUID from, UUID to, long amountMinor) {
        var source = aggregates.load(Ledger.account(from), AccountAggregate.INSTANCE);
        var target = aggregates.load(Ledger.account(to), AccountAggregate.INSTANCE);
        if (!target.exists()) {
            throw new CommandInvalid("no account " + to);
        }
        var sent = AccountAggregate.INSTANCE.decide(new SendTransfer(from, transferId, to, amountMinor), source.state());
        var amount = ((TransferSent) sent.getFirst()).amount();
        var received = AccountAggregate.INSTANCE.decide(new ReceiveTransfer(to, transferId, from, amount), target.state());
        return new Decision(source.aggregate(), source.version(),
                List.of(Change.of(source, AccountAggregate.INSTANCE, sent), Change.of(target, AccountAggregate.INSTANCE, received)), false);
    }
}
