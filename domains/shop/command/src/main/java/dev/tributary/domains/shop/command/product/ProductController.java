package dev.tributary.domains.shop.command.product;

import dev.tributary.domains.shop.events.Shop;

import dev.tributary.command.handling.CommandRunner;
import dev.tributary.command.handling.CommandRunner.RetryPolicy;
import dev.tributary.command.http.CommandAccepted;
import dev.tributary.command.http.CommandContexts;
import dev.tributary.command.http.CommandResponses;
import dev.tributary.domains.shop.command.product.ProductCommand.AddProduct;
import dev.tributary.domains.shop.command.product.ProductCommand.ChangePrice;
import dev.tributary.domains.shop.command.product.ProductCommand.Discontinue;
import dev.tributary.domains.shop.command.product.ProductCommand.Restock;
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

/** Catalog and stock commands. Restocks are re-decided on a conflict: adding stock is always safe. */
@Controller("/products")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"writer", "admin"})
class ProductController {

    private final CommandRunner commands;
    private final CommandContexts contexts;

    ProductController(CommandRunner commands, CommandContexts contexts) {
        this.commands = commands;
        this.contexts = contexts;
    }

    /** Adds a product to the catalog, with no stock: 201 with its id and version 1. */
    @Post
    HttpResponse<CommandAccepted> add(HttpRequest<?> http, @Valid @Body ProductRequests.Add request) {
        var id = UUID.randomUUID();
        return CommandResponses.of(commands.run(contexts.of(http, request), ProductAggregate.INSTANCE,
                Shop.product(id), new AddProduct(id, request.sku(), request.name().strip(), request.price().toMoney(),
                        request.categoryOrDefault()), true, RetryPolicy.NEVER));
    }

    /** Moves the product to another category; asking for the one it is in changes nothing. */
    @Post("/{id}/change-category")
    HttpResponse<CommandAccepted> changeCategory(HttpRequest<?> http, UUID id, @Valid @Body ProductRequests.ChangeCategory request) {
        return CommandResponses.of(commands.run(contexts.of(http, request), ProductAggregate.INSTANCE,
                Shop.product(id), new ProductCommand.ChangeCategory(id, request.category()), false, RetryPolicy.NEVER));
    }

    @Post("/{id}/change-price")
    HttpResponse<CommandAccepted> changePrice(HttpRequest<?> http, UUID id, @Valid @Body ProductRequests.ChangePrice request) {
        return CommandResponses.of(commands.run(contexts.of(http, request), ProductAggregate.INSTANCE,
                Shop.product(id), new ChangePrice(id, request.price().toMoney()), false, RetryPolicy.NEVER));
    }

    @Post("/{id}/restock")
    HttpResponse<CommandAccepted> restock(HttpRequest<?> http, UUID id, @Valid @Body ProductRequests.Restock request) {
        return CommandResponses.of(commands.run(contexts.of(http, request), ProductAggregate.INSTANCE,
                Shop.product(id), new Restock(id, request.quantity().longValueExact()), false, RetryPolicy.REDECIDE));
    }

    @Post("/{id}/discontinue")
    HttpResponse<CommandAccepted> discontinue(HttpRequest<?> http, UUID id) {
        return CommandResponses.of(commands.run(contexts.of(http, null), ProductAggregate.INSTANCE,
                Shop.product(id), new Discontinue(id), false, RetryPolicy.NEVER));
    }
}
