package dev.tributary.domains.shop.command.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.domains.shop.command.order.OrderState.Cancelled;
import dev.tributary.domains.shop.command.order.OrderState.Delivered;
import dev.tributary.domains.shop.command.order.OrderState.NotPlaced;
import dev.tributary.domains.shop.command.order.OrderState.Paid;
import dev.tributary.domains.shop.command.order.OrderState.Placed;
import dev.tributary.domains.shop.command.order.OrderState.Shipped;
import dev.tributary.command.snapshot.CodecSpec;
import dev.tributary.events.Money;
import dev.tributary.domains.shop.events.OrderEvent.OrderLine;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class OrderStateCodecTest {

    private static final OrderStateCodec CODEC = OrderStateCodec.INSTANCE;
    private static final UUID PRODUCT = UUID.fromString("00000000-0000-0000-0000-000000000001");

    @Test
    void an_order_in_every_status_decodes_to_exactly_what_was_encoded() {
        var one = List.of(new OrderLine(PRODUCT, 1, new Money(1000, "EUR")));
        var most = IntStream.range(0, OrderDecider.MAX_LINES)
                .mapToObj(i -> new OrderLine(UUID.randomUUID(), i + 1L, new Money(100L * i + 1, "EUR")))
                .toList();
        CodecSpec.roundTrips(CODEC, OrderState.class, List.of(
                new NotPlaced(),
                new Placed(one, new Money(1000, "EUR")),
                new Placed(most, new Money(123_456_789, "EUR")),
                new Paid(one, new Money(1000, "EUR")),
                new Paid(most, new Money(Long.MAX_VALUE, "GBP")),
                new Shipped(),
                new Delivered(),
                new Cancelled()));
    }

    @Test
    void lines_keep_their_order() {
        var lines = IntStream.range(0, 20)
                .mapToObj(i -> new OrderLine(UUID.randomUUID(), 20 - i, new Money(i + 1, "EUR")))
                .toList();
        var decoded = (Placed) CODEC.decode(CODEC.encode(new Placed(lines, new Money(1, "EUR"))));
        assertThat(decoded.lines()).containsExactlyElementsOf(lines);
    }

    @Test
    void an_incomplete_or_unknown_order_state_is_refused() {
        CodecSpec.refusesIncomplete(CODEC, new Paid(List.of(new OrderLine(PRODUCT, 2, new Money(5, "EUR"))), new Money(10, "EUR")));
    }

    @Test
    void the_format_is_pinned_so_changing_it_means_bumping_the_schema() {
        var euro = Map.of("minor", AttributeValue.fromN("1000"), "currency", AttributeValue.fromS("EUR"));
        assertThat(CODEC.schema()).isEqualTo(1);
        assertThat(CODEC.encode(new Placed(List.of(new OrderLine(PRODUCT, 1, new Money(1000, "EUR"))), new Money(1000, "EUR"))))
                .isEqualTo(Map.of(
                        "kind", AttributeValue.fromS("Placed"),
                        "total", AttributeValue.fromM(euro),
                        "lines", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                                "productId", AttributeValue.fromS(PRODUCT.toString()),
                                "quantity", AttributeValue.fromN("1"),
                                "unitPrice", AttributeValue.fromM(euro)))))));
        assertThat(CODEC.encode(new Cancelled())).isEqualTo(Map.of("kind", AttributeValue.fromS("Cancelled")));
    }
}
