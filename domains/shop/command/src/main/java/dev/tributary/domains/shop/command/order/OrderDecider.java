package dev.tributary.domains.shop.command.order;

import dev.tributary.domains.shop.events.Shop;

import dev.tributary.domain.AggregateNotFound;
import dev.tributary.domain.CommandInvalid;
import dev.tributary.domain.CommandRejected;
import dev.tributary.domain.Decider;
import dev.tributary.domains.shop.command.order.OrderCommand.CancelOrder;
import dev.tributary.domains.shop.command.order.OrderCommand.DeliverOrder;
import dev.tributary.domains.shop.command.order.OrderCommand.PayOrder;
import dev.tributary.domains.shop.command.order.OrderCommand.PlaceOrder;
import dev.tributary.domains.shop.command.order.OrderCommand.ShipOrder;
import dev.tributary.domains.shop.command.order.OrderState.Cancelled;
import dev.tributary.domains.shop.command.order.OrderState.Delivered;
import dev.tributary.domains.shop.command.order.OrderState.NotPlaced;
import dev.tributary.domains.shop.command.order.OrderState.Paid;
import dev.tributary.domains.shop.command.order.OrderState.Placed;
import dev.tributary.domains.shop.command.order.OrderState.Shipped;
import dev.tributary.events.AggregateId;
import dev.tributary.events.Money;
import dev.tributary.domains.shop.events.OrderEvent;
import dev.tributary.domains.shop.events.OrderEvent.OrderCancelled;
import dev.tributary.domains.shop.events.OrderEvent.OrderDelivered;
import dev.tributary.domains.shop.events.OrderEvent.OrderLine;
import dev.tributary.domains.shop.events.OrderEvent.OrderPaid;
import dev.tributary.domains.shop.events.OrderEvent.OrderPlaced;
import dev.tributary.domains.shop.events.OrderEvent.OrderShipped;
import java.util.List;

/**
 * The Order aggregate's rules: placed → paid → shipped → delivered, and cancelled from placed or
 * paid. An order that has shipped cannot be cancelled. Every other transition is refused with the
 * state it met.
 */
public final class OrderDecider implements Decider<OrderCommand, OrderState, OrderEvent> {

    public static final OrderDecider INSTANCE = new OrderDecider();
    public static final int MAX_LINES = 50;

    @Override
    public OrderState initialState() {
        return new NotPlaced();
    }

    @Override
    public List<OrderEvent> decide(OrderCommand command, OrderState state) {
        return switch (command) {
            case PlaceOrder place -> switch (state) {
                case NotPlaced ignored -> List.of(new OrderPlaced(place.orderId(), place.customerId(), place.lines(),
                        total(place.lines())));
                case Placed ignored -> throw rejected(command, "is already placed", state);
                case Paid ignored -> throw rejected(command, "is already placed", state);
                case Shipped ignored -> throw rejected(command, "is already placed", state);
                case Delivered ignored -> throw rejected(command, "is already placed", state);
                case Cancelled ignored -> throw rejected(command, "is already placed", state);
            };
            case PayOrder pay -> switch (state) {
                case NotPlaced ignored -> throw notFound(command);
                case Placed placed -> List.of(new OrderPaid(pay.orderId(), placed.total()));
                case Paid ignored -> throw rejected(command, "is already paid", state);
                case Shipped ignored -> throw rejected(command, "is already paid", state);
                case Delivered ignored -> throw rejected(command, "is already paid", state);
                case Cancelled ignored -> throw rejected(command, "cannot be paid", state);
            };
            case ShipOrder ship -> switch (state) {
                case NotPlaced ignored -> throw notFound(command);
                case Placed ignored -> throw rejected(command, "cannot ship before it is paid", state);
                case Paid ignored -> List.of(new OrderShipped(ship.orderId()));
                case Shipped ignored -> throw rejected(command, "has already shipped", state);
                case Delivered ignored -> throw rejected(command, "has already shipped", state);
                case Cancelled ignored -> throw rejected(command, "cannot be shipped", state);
            };
            case DeliverOrder deliver -> switch (state) {
                case NotPlaced ignored -> throw notFound(command);
                case Placed ignored -> throw rejected(command, "cannot be delivered before it ships", state);
                case Paid ignored -> throw rejected(command, "cannot be delivered before it ships", state);
                case Shipped ignored -> List.of(new OrderDelivered(deliver.orderId()));
                case Delivered ignored -> throw rejected(command, "is already delivered", state);
                case Cancelled ignored -> throw rejected(command, "cannot be delivered", state);
            };
            case CancelOrder cancel -> switch (state) {
                case NotPlaced ignored -> throw notFound(command);
                case Placed ignored -> List.of(new OrderCancelled(cancel.orderId(), cancel.reason()));
                case Paid ignored -> List.of(new OrderCancelled(cancel.orderId(), cancel.reason()));
                case Shipped ignored -> throw rejected(command, "has shipped and cannot be cancelled", state);
                case Delivered ignored -> throw rejected(command, "has shipped and cannot be cancelled", state);
                case Cancelled ignored -> throw rejected(command, "is already cancelled", state);
            };
        };
    }

    @Override
    public OrderState evolve(OrderState state, OrderEvent event) {
        return switch (event) {
            case OrderPlaced placed -> new Placed(placed.lines(), placed.total());
            case OrderPaid ignored -> state instanceof Placed p ? new Paid(p.lines(), p.total()) : state;
            case OrderShipped ignored -> new Shipped();
            case OrderDelivered ignored -> new Delivered();
            case OrderCancelled ignored -> new Cancelled();
        };
    }

    @Override
    public Class<OrderEvent> eventType() {
        return OrderEvent.class;
    }

    /** The lines of an order that is still open (placed or paid), for releasing its stock. */
    public static List<OrderLine> openLines(OrderState state) {
        return switch (state) {
            case Placed placed -> placed.lines();
            case Paid paid -> paid.lines();
            case NotPlaced ignored -> List.of();
            case Shipped ignored -> List.of();
            case Delivered ignored -> List.of();
            case Cancelled ignored -> List.of();
        };
    }

    /** A state's name as clients see it, e.g. in a 409's {@code currentState}. */
    public static String name(OrderState state) {
        return switch (state) {
            case NotPlaced ignored -> "not placed";
            case Placed ignored -> "placed";
            case Paid ignored -> "paid";
            case Shipped ignored -> "shipped";
            case Delivered ignored -> "delivered";
            case Cancelled ignored -> "cancelled";
        };
    }

    private static Money total(List<OrderLine> lines) {
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            throw new CommandInvalid("an order has 1 to " + MAX_LINES + " lines, not " + lines.size());
        }
        String currency = lines.getFirst().unitPrice().currency();
        if (lines.stream().anyMatch(l -> !l.unitPrice().currency().equals(currency))) {
            throw new CommandInvalid("the products of one order must share a currency");
        }
        return lines.stream().map(l -> l.unitPrice().times(l.quantity())).reduce(new Money(0, currency), Money::plus);
    }

    private static AggregateNotFound notFound(OrderCommand command) {
        return new AggregateNotFound(Shop.order(command.orderId()));
    }

    private static CommandRejected rejected(OrderCommand command, String why, OrderState state) {
        return new CommandRejected("order " + command.orderId() + " " + why + "; it is " + name(state), name(state));
    }
}
