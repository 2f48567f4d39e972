package dev.tributary.domains.shop.command.customer;

/** What a decision about a Customer needs to know. */
public sealed interface CustomerState {

    record Unregistered() implements CustomerState {
    }

    record Active(String name, String email) implements CustomerState {
    }

    record Deactivated() implements CustomerState {
    }
}
