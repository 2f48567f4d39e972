package dev.tributary.domains.shop.command.order;

import static dev.tributary.command.handling.DeciderSpec.given;

import dev.tributary.domains.shop.command.order.OrderCommand.CancelOrder;
import dev.tributary.domains.shop.command.order.OrderCommand.DeliverOrder;
import dev.tributary.domains.shop.command.order.OrderCommand.PayOrder;
import dev.tributary.domains.shop.command.order.OrderCommand.PlaceOrder;
import dev.tributary.domains.shop.command.order.OrderCommand.ShipOrder;
import dev.tributary.events.Money;
import dev.tributary.domains.shop.events.OrderEvent.OrderCancelled;
import dev.tributary.domains.shop.events.OrderEvent.OrderDelivered;
import dev.tributary.domains.shop.events.OrderEvent.OrderLine;
import dev.tributary.domains.shop.events.OrderEvent.OrderPaid;
import dev.tributary.domains.shop.events.OrderEvent.OrderPlaced;
import dev.tributary.domains.shop.events.OrderEvent.OrderShipped;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderDeciderTest {

    private static final OrderDecider ORDER = OrderDecider.INSTANCE;
    private final UUID id = UUID.randomUUID();
    private final UUID customer = UUID.randomUUID();
    private final List<OrderLine> lines = List.of(
            new OrderLine(UUID.randomUUID(), 2, new Money(1000, "EUR")),
            new OrderLine(UUID.randomUUID(), 1, new Money(550, "EUR")));
    private final OrderPlaced placed = new OrderPlaced(id, customer, lines, new Money(2550, "EUR"));
    private final OrderPaid paid = new OrderPaid(id, new Money(2550, "EUR"));
    private final OrderShipped shipped = new OrderShipped(id);
    private final OrderDelivered delivered = new OrderDelivered(id);
    private final OrderCancelled cancelled = new OrderCancelled(id, "");

    @Test
    void an_order_is_placed_with_the_total_of_its_priced_lines() {
        given(ORDER).when(new PlaceOrder(id, customer, lines)).then(placed);
    }

    @Test
    void an_order_needs_one_to_fifty_lines_in_one_currency() {
        given(ORDER).when(new PlaceOrder(id, customer, List.of())).thenInvalid("1 to 50 lines");
        given(ORDER).when(new PlaceOrder(id, customer, Collections.nCopies(51, lines.getFirst()))).thenInvalid("1 to 50 lines");
        given(ORDER).when(new PlaceOrder(id, customer, List.of(lines.getFirst(),
                new OrderLine(UUID.randomUUID(), 1, new Money(100, "USD"))))).thenInvalid("share a currency");
    }

    @Test
    void an_order_is_placed_once() {
        given(ORDER, placed).when(new PlaceOrder(id, customer, lines)).thenRejectedIn("placed");
    }

    @Test
    void the_happy_path_is_placed_paid_shipped_delivered() {
        given(ORDER, placed).when(new PayOrder(id)).then(paid);
        given(ORDER, placed, paid).when(new ShipOrder(id)).then(shipped);
        given(ORDER, placed, paid, shipped).when(new DeliverOrder(id)).then(delivered);
    }

    @Test
    void an_order_is_not_shipped_before_it_is_paid_nor_delivered_before_it_ships() {
        given(ORDER, placed).when(new ShipOrder(id)).thenRejectedIn("placed");
        given(ORDER, placed).when(new DeliverOrder(id)).thenRejectedIn("placed");
        given(ORDER, placed, paid).when(new DeliverOrder(id)).thenRejectedIn("paid");
    }

    @Test
    void no_step_happens_twice() {
        given(ORDER, placed, paid).when(new PayOrder(id)).thenRejectedIn("paid");
        given(ORDER, placed, paid, shipped).when(new PayOrder(id)).thenRejectedIn("shipped");
        given(ORDER, placed, paid, shipped, delivered).when(new PayOrder(id)).thenRejectedIn("delivered");
        given(ORDER, placed, paid, shipped).when(new ShipOrder(id)).thenRejectedIn("shipped");
        given(ORDER, placed, paid, shipped, delivered).when(new ShipOrder(id)).thenRejectedIn("delivered");
        given(ORDER, placed, paid, shipped, delivered).when(new DeliverOrder(id)).thenRejectedIn("delivered");
    }

    @Test
    void an_order_is_cancelled_before_it_ships() {
        given(ORDER, placed).when(new CancelOrder(id, "")).then(cancelled);
        given(ORDER, placed, paid).when(new CancelOrder(id, "")).then(cancelled);
    }

    @Test
    void an_order_that_has_shipped_cannot_be_cancelled() {
        given(ORDER, placed, paid, shipped).when(new CancelOrder(id, "")).thenRejectedIn("shipped");
        given(ORDER, placed, paid, shipped, delivered).when(new CancelOrder(id, "")).thenRejectedIn("delivered");
    }

    @Test
    void a_cancelled_order_takes_no_further_step() {
        given(ORDER, placed, cancelled).when(new PayOrder(id)).thenRejectedIn("cancelled");
        given(ORDER, placed, paid, cancelled).when(new ShipOrder(id)).thenRejectedIn("cancelled");
        given(ORDER, placed, cancelled).when(new DeliverOrder(id)).thenRejectedIn("cancelled");
        given(ORDER, placed, cancelled).when(new CancelOrder(id, "")).thenRejectedIn("cancelled");
        given(ORDER, placed, cancelled).when(new PlaceOrder(id, customer, lines)).thenRejectedIn("cancelled");
    }

    @Test
    void commands_on_an_order_never_placed_are_not_found() {
        given(ORDER).when(new PayOrder(id)).thenNotFound();
        given(ORDER).when(new ShipOrder(id)).thenNotFound();
        given(ORDER).when(new DeliverOrder(id)).thenNotFound();
        given(ORDER).when(new CancelOrder(id, "")).thenNotFound();
    }
}
