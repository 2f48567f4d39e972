package dev.tributary.domains.shop.command.order.placing;

import dev.tributary.domains.shop.events.Shop;
import dev.tributary.domains.shop.command.customer.CustomerAggregate;
import dev.tributary.domains.shop.command.product.ProductAggregate;
import dev.tributary.domains.shop.command.order.OrderAggregate;

import dev.tributary.domains.shop.command.customer.CustomerDecider;
import dev.tributary.domains.shop.command.customer.CustomerState;
import dev.tributary.command.handling.Aggregates;
import dev.tributary.command.handling.Aggregates.Loaded;
import dev.tributary.command.handling.Change;
import dev.tributary.command.handling.CommandContext;
import dev.tributary.domain.CommandInvalid;
import dev.tributary.domain.CommandRejected;
import dev.tributary.command.handling.CommandRunner;
import dev.tributary.command.handling.CommandRunner.Outcome;
import dev.tributary.command.handling.CommandRunner.RetryPolicy;
import dev.tributary.command.handling.Decision;
import dev.tributary.domains.shop.command.order.OrderCommand.PlaceOrder;
import dev.tributary.domains.shop.command.order.OrderDecider;
import dev.tributary.domains.shop.command.product.ProductCommand.ReserveStock;
import dev.tributary.domains.shop.command.product.ProductDecider;
import dev.tributary.domains.shop.command.product.ProductState;
import dev.tributary.events.AggregateId;
import dev.tributary.domains.shop.events.OrderEvent.OrderLine;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Places an order: one {@code TransactWriteItems} holds the order's {@code OrderPlaced} and one
 * {@code StockReserved} per product, each conditional on the version its decision was made from.
 * If another order reserved one of the products first, the whole placement is decided again from
 * fresh stock, so no product is ever oversold and a sold-out product answers 409.
 */
@Singleton
public final class OrderPlacement {

    private final CommandRunner commands;
    private final Aggregates aggregates;

    OrderPlacement(CommandRunner commands, Aggregates aggregates) {
        this.commands = commands;
        this.aggregates = aggregates;
    }

    /** One line as the client asked for it. */
    public record RequestedLine(UUID productId, long quantity) {
    }

    public Outcome place(CommandContext context, UUID orderId, UUID customerId, List<RequestedLine> lines) {
        if (lines.isEmpty() || lines.size() > OrderDecider.MAX_LINES) {
            throw new CommandInvalid("an order has 1 to " + OrderDecider.MAX_LINES + " lines, not " + lines.size());
        }
        var seen = new HashSet<UUID>();
        for (RequestedLine line : lines) {
            if (!seen.add(line.productId())) {
                throw new CommandInvalid("product " + line.productId() + " appears on two lines; put its whole quantity on one");
            }
        }
        return commands.run(context, RetryPolicy.REDECIDE, () -> decide(orderId, customerId, lines));
    }

    private Decision decide(UUID orderId, UUID customerId, List<RequestedLine> lines) {
        var customer = aggregates.load(Shop.customer(customerId), CustomerAggregate.INSTANCE);
        switch (customer.state()) {
            case CustomerState.Unregistered ignored -> throw new CommandInvalid("no customer " + customerId);
            case CustomerState.Deactivated ignored -> throw new CommandRejected(
                    "customer " + customerId + " is deactivated and cannot order", "deactivated");
            case CustomerState.Active ignored -> { }
        }
        var products = loadProducts(lines);
        var order = Shop.order(orderId);
        var priced = new ArrayList<OrderLine>(lines.size());
        var reservations = new ArrayList<Change<?>>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            RequestedLine line = lines.get(i);
            Loaded<ProductState> product = products.get(i);
            if (!product.exists()) {
                throw new CommandInvalid("no product " + line.productId());
            }
            var reserved = ProductAggregate.INSTANCE.decide(new ReserveStock(line.productId(), orderId, line.quantity()),
                    product.state());
            var listed = (ProductState.Listed) product.state();
            priced.add(new OrderLine(line.productId(), line.quantity(), listed.price()));
            reservations.add(Change.of(product, ProductAggregate.INSTANCE, reserved));
        }
        var notPlaced = Loaded.initial(order, OrderAggregate.INSTANCE);
        var placed = OrderAggregate.INSTANCE.decide(new PlaceOrder(orderId, customerId, priced), notPlaced.state());
        var changes = new ArrayList<Change<?>>(reservations.size() + 1);
        changes.add(Change.of(notPlaced, OrderAggregate.INSTANCE, placed));
        changes.addAll(reservations);
        return new Decision(order, 0, changes, true);
    }

    private List<Loaded<ProductState>> loadProducts(List<RequestedLine> lines) {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Loaded<ProductState>>> futures = lines.stream()
                    .map(line -> executor.submit(() -> aggregates.load(Shop.product(line.productId()), ProductAggregate.INSTANCE)))
                    .toList();
            var loaded = new ArrayList<Loaded<ProductState>>(futures.size());
            for (var future : futures) {
                loaded.add(future.get());
            }
            return loaded;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
