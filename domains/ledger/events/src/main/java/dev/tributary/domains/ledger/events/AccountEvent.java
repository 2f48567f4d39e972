package dev.tributary.domains.ledger.events;

import dev.tributary.events.AggregateId;
import dev.tributary.events.DomainEvent;
import dev.tributary.events.EventName;
import dev.tributary.events.Money;
import java.util.UUID;

/** Events of the Account aggregate. Every amount is in the account's currency, in minor units. */
public sealed interface AccountEvent extends DomainEvent {

    UUID accountId();

    @Override
    default AggregateId aggregateId() {
        return Ledger.account(accountId());
    }

    /** An account was opened, empty. Always version 1 of its aggregate. */
    @EventName("AccountOpened")
    record AccountOpened(UUID accountId, String owner, String currency) implements AccountEvent {
    }

    @EventName("MoneyDeposited")
    record MoneyDeposited(UUID accountId, Money amount) implements AccountEvent {
    }

    @EventName("MoneyWithdrawn")
    record MoneyWithdrawn(UUID accountId, Money amount) implements AccountEvent {
    }

    /**
     * Money left this account for another. Stored in one transaction with the {@link TransferReceived}
     * of the same {@code transferId}, each conditional on its account's version: both or neither.
     */
    @EventName("TransferSent")
    record TransferSent(UUID accountId, UUID transferId, UUID toAccountId, Money amount) implements AccountEvent {
    }

    @EventName("TransferReceived")
    record TransferReceived(UUID accountId, UUID transferId, UUID fromAccountId, Money amount) implements AccountEvent {
    }
}
