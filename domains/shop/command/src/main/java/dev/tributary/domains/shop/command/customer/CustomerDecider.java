package dev.tributary.domains.shop.command.customer;

import dev.tributary.domains.shop.events.Shop;

import dev.tributary.domains.shop.command.customer.CustomerCommand.ChangeCustomerEmail;
import dev.tributary.domains.shop.command.customer.CustomerCommand.DeactivateCustomer;
import dev.tributary.domains.shop.command.customer.CustomerCommand.RegisterCustomer;
import dev.tributary.domains.shop.command.customer.CustomerCommand.RenameCustomer;
import dev.tributary.domains.shop.command.customer.CustomerState.Active;
import dev.tributary.domains.shop.command.customer.CustomerState.Deactivated;
import dev.tributary.domains.shop.command.customer.CustomerState.Unregistered;
import dev.tributary.domain.AggregateNotFound;
import dev.tributary.domain.CommandRejected;
import dev.tributary.domain.Decider;
import dev.tributary.events.AggregateId;
import dev.tributary.domains.shop.events.CustomerEvent;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerDeactivated;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerEmailChanged;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerRegistered;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerRenamed;
import java.util.List;

/**
 * The Customer aggregate's rules. A customer registers once, may be renamed or change email while
 * active, and is deactivated at most once. Asking for what already is changes nothing.
 */
public final class CustomerDecider implements Decider<CustomerCommand, CustomerState, CustomerEvent> {

    public static final CustomerDecider INSTANCE = new CustomerDecider();

    @Override
    public CustomerState initialState() {
        return new Unregistered();
    }

    @Override
    public List<CustomerEvent> decide(CustomerCommand command, CustomerState state) {
        return switch (command) {
            case RegisterCustomer register -> switch (state) {
                case Unregistered ignored -> List.of(
                        new CustomerRegistered(register.customerId(), register.name(), register.email()));
                case Active ignored -> throw rejected(command, "is already registered", "active");
                case Deactivated ignored -> throw rejected(command, "is already registered", "deactivated");
            };
            case RenameCustomer rename -> switch (active(command, state)) {
                case Active active when active.name().equals(rename.name()) -> List.of();
                case Active ignored -> List.of(new CustomerRenamed(rename.customerId(), rename.name()));
            };
            case ChangeCustomerEmail change -> switch (active(command, state)) {
                case Active active when active.email().equals(change.email()) -> List.of();
                case Active ignored -> List.of(new CustomerEmailChanged(change.customerId(), change.email()));
            };
            case DeactivateCustomer deactivate -> {
                active(command, state);
                yield List.of(new CustomerDeactivated(deactivate.customerId()));
            }
        };
    }

    @Override
    public CustomerState evolve(CustomerState state, CustomerEvent event) {
        return switch (event) {
            case CustomerRegistered registered -> new Active(registered.name(), registered.email());
            case CustomerRenamed renamed -> state instanceof Active a ? new Active(renamed.name(), a.email()) : state;
            case CustomerEmailChanged changed -> state instanceof Active a ? new Active(a.name(), changed.email()) : state;
            case CustomerDeactivated ignored -> new Deactivated();
        };
    }

    @Override
    public Class<CustomerEvent> eventType() {
        return CustomerEvent.class;
    }

    private static Active active(CustomerCommand command, CustomerState state) {
        return switch (state) {
            case Active active -> active;
            case Unregistered ignored -> throw new AggregateNotFound(Shop.customer(command.customerId()));
            case Deactivated ignored -> throw rejected(command, "is deactivated", "deactivated");
        };
    }

    private static CommandRejected rejected(CustomerCommand command, String why, String state) {
        return new CommandRejected("customer " + command.customerId() + " " + why, state);
    }
}
