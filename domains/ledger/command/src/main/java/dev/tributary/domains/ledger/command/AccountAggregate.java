package dev.tributary.domains.ledger.command;

import dev.tributary.command.handling.Aggregate;
import dev.tributary.domains.ledger.events.AccountEvent;

/** The Account aggregate as the command engine runs it: its decider, and its snapshot format. */
public final class AccountAggregate {

    public static final Aggregate<AccountCommand, AccountState, AccountEvent> INSTANCE =
            new Aggregate<>(AccountDecider.INSTANCE, AccountStateCodec.INSTANCE);

    private AccountAggregate() {
    }
}
