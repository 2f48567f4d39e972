package dev.tributary.domains.ledger.command;

import dev.tributary.events.Money;
import java.util.UUID;

/** What may be asked of an account. */
public sealed interface AccountCommand {

    UUID accountId();

    record OpenAccount(UUID accountId, String owner, String currency) implements AccountCommand {
    }

    record Deposit(UUID accountId, long amountMinor) implements AccountCommand {
    }

    record Withdraw(UUID accountId, long amountMinor) implements AccountCommand {
    }

    /** This account sends money to another; decided together with the other's {@link ReceiveTransfer}. */
    record SendTransfer(UUID accountId, UUID transferId, UUID toAccountId, long amountMinor) implements AccountCommand {
    }

    record ReceiveTransfer(UUID accountId, UUID transferId, UUID fromAccountId, Money amount) implements AccountCommand {
    }
}
