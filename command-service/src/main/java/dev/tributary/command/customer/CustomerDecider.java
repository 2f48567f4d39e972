package dev.tributary.command.customer;

import dev.tributary.command.customer.CustomerCommand.RegisterCustomer;
import dev.tributary.command.customer.CustomerState.Registered;
import dev.tributary.command.customer.CustomerState.Unregistered;
import dev.tributary.command.handling.CommandRejected;
import dev.tributary.command.handling.Decider;
import dev.tributary.events.CustomerEvent;
import dev.tributary.events.CustomerEvent.CustomerRegistered;
import java.util.List;

/** The Customer aggregate's rules. */
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
                case Registered registered -> throw new CommandRejected(
                        "customer " + register.customerId() + " is already registered", "registered");
            };
        };
    }

    @Override
    public CustomerState evolve(CustomerState state, CustomerEvent event) {
        return switch (event) {
            case CustomerRegistered registered -> new Registered(registered.name(), registered.email());
        };
    }

    @Override
    public Class<CustomerEvent> eventType() {
        return CustomerEvent.class;
    }
}
