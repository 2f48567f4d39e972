package dev.tributary.domains.ledger.command;

/** An account's state: not opened yet, or open with its balance in minor units of its currency. */
public sealed interface AccountState {

    record Unopened() implements AccountState {
    }

    record Open(String owner, String currency, long balanceMinor) implements AccountState {
    }
}
