package dev.tributary.domains.shop.command.customer;

import static dev.tributary.command.handling.DeciderSpec.given;

import dev.tributary.domains.shop.command.customer.CustomerCommand.ChangeCustomerEmail;
import dev.tributary.domains.shop.command.customer.CustomerCommand.DeactivateCustomer;
import dev.tributary.domains.shop.command.customer.CustomerCommand.RegisterCustomer;
import dev.tributary.domains.shop.command.customer.CustomerCommand.RenameCustomer;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerDeactivated;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerEmailChanged;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerRegistered;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerRenamed;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CustomerDeciderTest {

    private static final CustomerDecider CUSTOMER = CustomerDecider.INSTANCE;
    private final UUID id = UUID.randomUUID();
    private final CustomerRegistered registered = new CustomerRegistered(id, "Ada", "ada@example.com");

    @Test
    void a_new_customer_registers() {
        given(CUSTOMER).when(new RegisterCustomer(id, "Ada", "ada@example.com")).then(registered);
    }

    @Test
    void a_customer_registers_only_once() {
        given(CUSTOMER, registered).when(new RegisterCustomer(id, "Ada", "ada@example.com")).thenRejectedIn("active");
        given(CUSTOMER, registered, new CustomerDeactivated(id))
                .when(new RegisterCustomer(id, "Ada", "ada@example.com")).thenRejectedIn("deactivated");
    }

    @Test
    void an_active_customer_is_renamed() {
        given(CUSTOMER, registered).when(new RenameCustomer(id, "Ada King")).then(new CustomerRenamed(id, "Ada King"));
    }

    @Test
    void renaming_to_the_current_name_changes_nothing() {
        given(CUSTOMER, registered, new CustomerRenamed(id, "Ada King"))
                .when(new RenameCustomer(id, "Ada King")).thenNothingChanges();
    }

    @Test
    void an_active_customer_changes_email() {
        given(CUSTOMER, registered).when(new ChangeCustomerEmail(id, "ada@king.example"))
                .then(new CustomerEmailChanged(id, "ada@king.example"));
        given(CUSTOMER, registered).when(new ChangeCustomerEmail(id, "ada@example.com")).thenNothingChanges();
    }

    @Test
    void an_active_customer_is_deactivated_once() {
        given(CUSTOMER, registered).when(new DeactivateCustomer(id)).then(new CustomerDeactivated(id));
        given(CUSTOMER, registered, new CustomerDeactivated(id)).when(new DeactivateCustomer(id)).thenRejectedIn("deactivated");
    }

    @Test
    void a_deactivated_customer_cannot_be_changed() {
        given(CUSTOMER, registered, new CustomerDeactivated(id)).when(new RenameCustomer(id, "X")).thenRejectedIn("deactivated");
        given(CUSTOMER, registered, new CustomerDeactivated(id)).when(new ChangeCustomerEmail(id, "x@example.com"))
                .thenRejectedIn("deactivated");
    }

    @Test
    void commands_on_an_unregistered_customer_are_not_found() {
        given(CUSTOMER).when(new RenameCustomer(id, "X")).thenNotFound();
        given(CUSTOMER).when(new ChangeCustomerEmail(id, "x@example.com")).thenNotFound();
        given(CUSTOMER).when(new DeactivateCustomer(id)).thenNotFound();
    }
}
