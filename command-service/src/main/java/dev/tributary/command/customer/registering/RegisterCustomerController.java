package dev.tributary.command.customer.registering;

import dev.tributary.command.customer.CustomerCommand.RegisterCustomer;
import dev.tributary.command.customer.CustomerDecider;
import dev.tributary.command.handling.CommandRunner;
import dev.tributary.command.http.CommandAccepted;
import dev.tributary.events.AggregateId;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import java.util.UUID;

@Controller("/customers")
@ExecuteOn(TaskExecutors.BLOCKING)
class RegisterCustomerController {

    private final CommandRunner commands;

    RegisterCustomerController(CommandRunner commands) {
        this.commands = commands;
    }

    /** Registers a new customer; answers 201 with its id and version 1. */
    @Post
    HttpResponse<CommandAccepted> register(@Valid @Body RegisterCustomerRequest request) {
        var customerId = UUID.randomUUID();
        var appended = commands.run(AggregateId.customer(customerId), CustomerDecider.INSTANCE,
                new RegisterCustomer(customerId, request.name().strip(), request.email().strip()), UUID.randomUUID());
        return CommandAccepted.created("/customers/" + customerId, appended);
    }
}
