package dev.tributary.domains.shop.command.order.cancelling;

import dev.tributary.domains.shop.events.Shop;
import dev.tributary.domains.shop.command.product.ProductAggregate;
import dev.tributary.domains.shop.command.order.OrderAggregate;

import dev.tributary.command.handling.Aggregates;
import dev.tributary.command.handling.Change;
import dev.tributary.command.handling.CommandContext;
import dev.tributary.command.handling.CommandRunner;
import dev.tributary.command.handling.CommandRunner.Outcome;
import dev.tributary.command.handling.CommandRunner.RetryPolicy;
import dev.tributary.command.handling.Decision;
import dev.tributary.domains.shop.command.order.OrderCommand.CancelOrder;
import dev.tributary.domains.shop.command.order.OrderDecider;
import dev.tributary.domains.shop.command.product.ProductCommand.ReleaseStock;
import dev.tributary.domains.shop.command.product.ProductDecider;
import dev.tributary.events.AggregateId;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.UUID;

/**
 * Cancels an order that has not shipped, and gives its reserved stock back, in one transaction:
 * {@code OrderCancelled} plus one {@code StockReleased} per line.
 */
@Singleton
public final class OrderCancellation {

    private final CommandRunner commands;
    private final Aggregates aggregates;

    OrderCancellation(CommandRunner commands, Aggregates aggregates) {
        this.commands = commands;
        this.aggregates = aggregates;
    }

    public Outcome cancel(CommandContext context, UUID orderId, String reason) {
        return commands.run(context, RetryPolicy.REDECIDE, () -> {
            var order = aggregates.load(Shop.order(orderId), OrderAggregate.INSTANCE);
            var cancelled = OrderAggregate.INSTANCE.decide(new CancelOrder(orderId, reason), order.state());
            var changes = new ArrayList<Change<?>>();
            changes.add(Change.of(order, OrderAggregate.INSTANCE, cancelled));
            for (var line : OrderDecider.openLines(order.state())) {
                var product = aggregates.load(Shop.product(line.productId()), ProductAggregate.INSTANCE);
                var released = ProductAggregate.INSTANCE.decide(
                        new ReleaseStock(line.productId(), orderId, line.quantity()), product.state());
                changes.add(Change.of(product, ProductAggregate.INSTANCE, released));
            }
            return new Decision(order.aggregate(), order.version(), changes, false);
        });
    }
}
