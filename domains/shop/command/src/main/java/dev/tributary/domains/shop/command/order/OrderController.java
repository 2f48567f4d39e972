package dev.tributary.domains.shop.command.order;

import dev.tributary.domains.shop.events.Shop;

import dev.tributary.command.handling.CommandRunner;
import dev.tributary.command.handling.CommandRunner.RetryPolicy;
import dev.tributary.command.http.CommandAccepted;
import dev.tributary.command.http.CommandContexts;
import dev.tributary.command.http.CommandResponses;
import dev.tributary.domains.shop.command.order.OrderCommand.DeliverOrder;
import dev.tributary.domains.shop.command.order.OrderCommand.PayOrder;
import dev.tributary.domains.shop.command.order.OrderCommand.ShipOrder;
import dev.tributary.domains.shop.command.order.cancelling.OrderCancellation;
import dev.tributary.domains.shop.command.order.placing.OrderPlacement;
import dev.tributary.events.AggregateId;
import io.micronaut.core.annotation.Nullable;
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

/** Order commands: place, pay, ship, deliver, cancel. */
@Controller("/orders")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"writer", "admin"})
class OrderController {

    private final CommandRunner commands;
    private final CommandContexts contexts;
    private final OrderPlacement placement;
    private final OrderCancellation cancellation;

    OrderController(CommandRunner commands, CommandContexts contexts, OrderPlacement placement,
                    OrderCancellation cancellation) {
        this.commands = commands;
        this.contexts = contexts;
        this.placement = placement;
        this.cancellation = cancellation;
    }

    /**
     * Places an order and reserves its stock in one transaction: 201 with the order's id and version
     * 1; 409 when a product has too little stock or is discontinued; 422 when a product or the
     * customer does not exist.
     */
    @Post
    HttpResponse<CommandAccepted> place(HttpRequest<?> http, @Valid @Body OrderRequests.Place request) {
        var lines = request.lines().stream()
                .map(l -> new OrderPlacement.RequestedLine(l.productId(), l.quantity().longValueExact()))
                .toList();
        return CommandResponses.of(placement.place(contexts.of(http, request), UUID.randomUUID(), request.customerId(), lines));
    }

    @Post("/{id}/pay")
    HttpResponse<CommandAccepted> pay(HttpRequest<?> http, UUID id) {
        return CommandResponses.of(commands.run(contexts.of(http, null), OrderAggregate.INSTANCE,
                Shop.order(id), new PayOrder(id), false, RetryPolicy.NEVER));
    }

    @Post("/{id}/ship")
    HttpResponse<CommandAccepted> ship(HttpRequest<?> http, UUID id) {
        return CommandResponses.of(commands.run(contexts.of(http, null), OrderAggregate.INSTANCE,
                Shop.order(id), new ShipOrder(id), false, RetryPolicy.NEVER));
    }

    @Post("/{id}/deliver")
    HttpResponse<CommandAccepted> deliver(HttpRequest<?> http, UUID id) {
        return CommandResponses.of(commands.run(contexts.of(http, null), OrderAggregate.INSTANCE,
                Shop.order(id), new DeliverOrder(id), false, RetryPolicy.NEVER));
    }

    /** Cancels an order that has not shipped and releases its stock; the body and its reason are optional. */
    @Post("/{id}/cancel")
    HttpResponse<CommandAccepted> cancel(HttpRequest<?> http, UUID id, @Nullable @Valid @Body OrderRequests.Cancel request) {
        String reason = request == null || request.reason() == null ? "" : request.reason().strip();
        return CommandResponses.of(cancellation.cancel(contexts.of(http, request), id, reason));
    }
}
