package dev.tributary.domains.shop.command.customer;

import java.util.UUID;

/** What can be asked of a Customer. */
public sealed interface CustomerCommand {

    UUID customerId();

    record RegisterCustomer(UUID customerId, String name, String email) implements CustomerCommand {
    }

    record RenameCustomer(UUID customerId, String name) implements CustomerCommand {
    }

    record ChangeCustomerEmail(UUID customerId, String email) implements CustomerCommand {
    }

    record DeactivateCustomer(UUID customerId) implements CustomerCommand {
    }
}
