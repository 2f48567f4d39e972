package dev.tributary.domains.ledger.command;

import dev.tributary.command.handling.CommandRunner;
import dev.tributary.command.handling.CommandRunner.RetryPolicy;
import dev.tributary.command.http.CommandAccepted;
import dev.tributary.command.http.CommandContexts;
import dev.tributary.command.http.CommandResponses;
import dev.tributary.domains.ledger.command.AccountCommand.Deposit;
import dev.tributary.domains.ledger.command.AccountCommand.OpenAccount;
import dev.tributary.domains.ledger.command.AccountCommand.Withdraw;
import dev.tributary.domains.ledger.events.Ledger;
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

/** Account commands. Each answers with the account's id and new version. */
@Controller("/accounts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"writer", "admin"})
class AccountController {

    private final CommandRunner commands;
    private final CommandContexts contexts;
    private final Transfers transfers;

    AccountController(CommandRunner commands, CommandContexts contexts, Transfers transfers) {
        this.commands = commands;
        this.contexts = contexts;
        this.transfers = transfers;
    }

    /** Opens an empty account: 201 with its id and version 1. */
    @Post
    HttpResponse<CommandAccepted> open(HttpRequest<?> http, @Valid @Body AccountRequests.Open request) {
        var id = UUID.randomUUID();
        return CommandResponses.of(commands.run(contexts.of(http, request), AccountAggregate.INSTANCE, Ledger.account(id),
                new OpenAccount(id, request.owner().strip(), request.currency()), true, RetryPolicy.NEVER));
    }

    /** Adds money; a deposit depends on nothing the client saw, so it is retried after a conflict. */
    @Post("/{id}/deposit")
    HttpResponse<CommandAccepted> deposit(HttpRequest<?> http, UUID id, @Valid @Body AccountRequests.Amount request) {
        return CommandResponses.of(commands.run(contexts.of(http, request), AccountAggregate.INSTANCE, Ledger.account(id),
                new Deposit(id, request.minor().longValueExact()), false, RetryPolicy.REDECIDE));
    }

    /** Takes money out: 409 {@code insufficient-funds} when the balance is smaller. */
    @Post("/{id}/withdraw")
    HttpResponse<CommandAccepted> withdraw(HttpRequest<?> http, UUID id, @Valid @Body AccountRequests.Amount request) {
        return CommandResponses.of(commands.run(contexts.of(http, request), AccountAggregate.INSTANCE, Ledger.account(id),
                new Withdraw(id, request.minor().longValueExact()), false, RetryPolicy.REDECIDE));
    }

    /**
     * Moves money to another account of the same currency, atomically ({@link Transfers}): 409
     * {@code insufficient-funds} when this account's balance is smaller, 422 when the other account
     * does not exist or holds another currency.
     */
    @Post("/{id}/transfer")
    HttpResponse<CommandAccepted> transfer(HttpRequest<?> http, UUID id, @Valid @Body AccountRequests.Transfer request) {
        return CommandResponses.of(transfers.transfer(contexts.of(http, request), UUID.randomUUID(), id, request.to(),
                request.minor().longValueExact()));
    }
}
