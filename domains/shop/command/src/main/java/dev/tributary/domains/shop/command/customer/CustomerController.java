package dev.tributary.domains.shop.command.customer;

import dev.tributary.domains.shop.events.Shop;

import dev.tributary.domains.shop.command.customer.CustomerCommand.ChangeCustomerEmail;
import dev.tributary.domains.shop.command.customer.CustomerCommand.DeactivateCustomer;
import dev.tributary.domains.shop.command.customer.CustomerCommand.RegisterCustomer;
import dev.tributary.domains.shop.command.customer.CustomerCommand.RenameCustomer;
import dev.tributary.command.handling.CommandRunner;
import dev.tributary.command.handling.CommandRunner.RetryPolicy;
import dev.tributary.command.http.CommandAccepted;
import dev.tributary.command.http.CommandContexts;
import dev.tributary.command.http.CommandResponses;
import dev.tributary.events.AggregateId;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;
import java.util.UUID;

/** Customer commands. Each answers with the customer's id and new version. */
@Controller("/customers")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"writer", "admin"})
class CustomerController {

    private final CommandRunner commands;
    private final CommandContexts contexts;

    CustomerController(CommandRunner commands, CommandContexts contexts) {
        this.commands = commands;
        this.contexts = contexts;
    }

    /** Registers a new customer: 201 with its id and version 1. */
    @Post
    HttpResponse<CommandAccepted> register(HttpRequest<?> http, @Valid @Body CustomerRequests.Register request) {
        var id = UUID.randomUUID();
        return CommandResponses.of(commands.run(contexts.of(http, request), CustomerAggregate.INSTANCE,
                Shop.customer(id), new RegisterCustomer(id, request.name().strip(), request.email().strip()),
                true, RetryPolicy.NEVER));
    }

    @Post("/{id}/rename")
    HttpResponse<CommandAccepted> rename(HttpRequest<?> http, UUID id, @Valid @Body CustomerRequests.Rename request) {
        return CommandResponses.of(commands.run(contexts.of(http, request), CustomerAggregate.INSTANCE,
                Shop.customer(id), new RenameCustomer(id, request.name().strip()), false, RetryPolicy.NEVER));
    }

    @Post("/{id}/change-email")
    HttpResponse<CommandAccepted> changeEmail(HttpRequest<?> http, UUID id, @Valid @Body CustomerRequests.ChangeEmail request) {
        return CommandResponses.of(commands.run(contexts.of(http, request), CustomerAggregate.INSTANCE,
                Shop.customer(id), new ChangeCustomerEmail(id, request.email().strip()), false, RetryPolicy.NEVER));
    }

    @Post("/{id}/deactivate")
    HttpResponse<CommandAccepted> deactivate(HttpRequest<?> http, UUID id) {
        return CommandResponses.of(commands.run(contexts.of(http, null), CustomerAggregate.INSTANCE,
                Shop.customer(id), new DeactivateCustomer(id), false, RetryPolicy.NEVER));
    }
}
