package dev.tributary.domains.shop.command.order;

import static dev.tributary.command.snapshot.StateMaps.KIND;
import static dev.tributary.command.snapshot.StateMaps.money;
import static dev.tributary.command.snapshot.StateMaps.number;
import static dev.tributary.command.snapshot.StateMaps.text;
import static dev.tributary.command.snapshot.StateMaps.uuid;

import dev.tributary.domains.shop.command.order.OrderState.Cancelled;
import dev.tributary.domains.shop.command.order.OrderState.Delivered;
import dev.tributary.domains.shop.command.order.OrderState.NotPlaced;
import dev.tributary.domains.shop.command.order.OrderState.Paid;
import dev.tributary.domains.shop.command.order.OrderState.Placed;
import dev.tributary.domains.shop.command.order.OrderState.Shipped;
import dev.tributary.command.snapshot.StateCodec;
import dev.tributary.command.snapshot.StateMaps;
import dev.tributary.events.Money;
import dev.tributary.domains.shop.events.OrderEvent.OrderLine;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An Order's snapshot format, schema 1.
 *
 * <pre>
 * {kind: NotPlaced | Shipped | Delivered | Cancelled}
 * {kind: Placed | Paid, total: {minor, currency}, lines: [{productId, quantity, unitPrice: {minor, currency}}, ...]}
 * </pre>
 */
final class OrderStateCodec implements StateCodec<OrderState> {

    static final OrderStateCodec INSTANCE = new OrderStateCodec();

    @Override
    public int schema() {
        return 1;
    }

    @Override
    public Map<String, AttributeValue> encode(OrderState state) {
        return switch (state) {
            case NotPlaced ignored -> Map.of(KIND, text("NotPlaced"));
            case Placed p -> open("Placed", p.lines(), p.total());
            case Paid p -> open("Paid", p.lines(), p.total());
            case Shipped ignored -> Map.of(KIND, text("Shipped"));
            case Delivered ignored -> Map.of(KIND, text("Delivered"));
            case Cancelled ignored -> Map.of(KIND, text("Cancelled"));
        };
    }

    @Override
    public OrderState decode(Map<String, AttributeValue> encoded) {
        return switch (StateMaps.kind(encoded)) {
            case "NotPlaced" -> new NotPlaced();
            case "Placed" -> new Placed(lines(encoded), money(encoded, "total"));
            case "Paid" -> new Paid(lines(encoded), money(encoded, "total"));
            case "Shipped" -> new Shipped();
            case "Delivered" -> new Delivered();
            case "Cancelled" -> new Cancelled();
            default -> throw StateMaps.unknownKind(StateMaps.kind(encoded));
        };
    }

    private static Map<String, AttributeValue> open(String kind, List<OrderLine> lines, Money total) {
        var encoded = lines.stream()
                .map(l -> AttributeValue.fromM(Map.of("productId", uuid(l.productId()), "quantity", number(l.quantity()),
                        "unitPrice", money(l.unitPrice()))))
                .toList();
        return Map.of(KIND, text(kind), "total", money(total), "lines", AttributeValue.fromL(encoded));
    }

    private static List<OrderLine> lines(Map<String, AttributeValue> encoded) {
        return StateMaps.list(encoded, "lines").stream()
                .map(StateMaps::map)
                .map(l -> new OrderLine(uuid(l, "productId"), number(l, "quantity"), money(l, "unitPrice")))
                .toList();
    }
}
