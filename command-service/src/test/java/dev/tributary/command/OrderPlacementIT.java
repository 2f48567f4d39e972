package dev.tributary.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.domains.shop.events.OrderEvent.OrderCancelled;
import dev.tributary.domains.shop.events.OrderEvent.OrderPlaced;
import dev.tributary.domains.shop.events.ProductEvent.StockReleased;
import dev.tributary.domains.shop.events.ProductEvent.StockReserved;
import dev.tributary.events.StoredEvent;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrderPlacementIT {

    private static CommandServiceFixture service;
    private static UUID customer;

    @BeforeAll
    static void start() {
        service = new CommandServiceFixture();
        customer = service.customer();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static String order(UUID... products) {
        var lines = new ArrayList<String>();
        for (UUID product : products) {
            lines.add("{\"productId\":\"" + product + "\",\"quantity\":1}");
        }
        return "{\"customerId\":\"" + customer + "\",\"lines\":[" + String.join(",", lines) + "]}";
    }

    @Test
    void fifty_clients_racing_for_the_last_ten_units_sell_exactly_ten_and_the_rest_get_a_clear_refusal() throws Exception {
        UUID product = service.product(10);
        List<HttpResponse<String>> results = CommandServiceFixture.race(50, client -> service.post("/orders", order(product)));
        int sold = 0;
        for (var response : results) {
            if (response.statusCode() == 201) {
                sold++;
            } else {
                assertThat(response.statusCode()).as(response.body()).isIn(409, 422);
                assertThat(response.body()).contains("available: 0");
            }
        }

        assertThat(sold).isEqualTo(10);
        List<StoredEvent> history = service.events("Product#" + product);
        long reserved = history.stream().map(StoredEvent::data).filter(StockReserved.class::isInstance)
                .mapToLong(e -> ((StockReserved) e).quantity()).sum();
        assertThat(reserved).isEqualTo(10);
        assertThat(history).extracting(StoredEvent::version)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, history.size()).boxed().toList());
        CommandServiceFixture.stockNeverNegative(history);
    }

    @Test
    void placing_an_order_writes_the_order_and_every_reservation_together_at_the_products_prices() {
        UUID first = service.product(3);
        UUID second = service.product(3);

        UUID order = CommandServiceFixture.created(service.post("/orders", order(first, second)));

        var placed = (OrderPlaced) service.events("Order#" + order).getFirst().data();
        assertThat(placed.customerId()).isEqualTo(customer);
        assertThat(placed.total().minor()).isEqualTo(2000);
        assertThat(placed.lines()).extracting(l -> l.unitPrice().minor()).containsExactly(1000L, 1000L);
        for (UUID product : List.of(first, second)) {
            var last = service.events("Product#" + product).getLast();
            assertThat(last.data()).isEqualTo(new StockReserved(product, order, 1));
            assertThat(last.commandId()).isEqualTo(service.events("Order#" + order).getFirst().commandId());
        }
    }

    @Test
    void cancelling_an_order_releases_its_stock_in_the_same_transaction() {
        UUID product = service.product(1);
        UUID order = CommandServiceFixture.created(service.post("/orders", order(product)));
        assertThat(service.post("/orders", order(product)).statusCode()).as("sold out").isEqualTo(409);

        CommandServiceFixture.ok(service.post("/orders/" + order + "/cancel", "{\"reason\":\"changed my mind\"}"));

        assertThat(service.events("Order#" + order).getLast().data()).isEqualTo(new OrderCancelled(order, "changed my mind"));
        assertThat(service.events("Product#" + product).getLast().data()).isEqualTo(new StockReleased(product, order, 1));
        assertThat(service.post("/orders", order(product)).statusCode()).as("the released unit sells again").isEqualTo(201);
    }

    @Test
    void a_shipped_order_cannot_be_cancelled_and_the_refusal_names_its_state() {
        UUID order = CommandServiceFixture.created(service.post("/orders", order(service.product(1))));
        CommandServiceFixture.ok(service.post("/orders/" + order + "/pay", null));
        CommandServiceFixture.ok(service.post("/orders/" + order + "/ship", null));
        int before = service.eventCount();

        var response = service.post("/orders/" + order + "/cancel", null);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("\"currentState\":\"shipped\"");
        assertThat(service.eventCount()).isEqualTo(before);
        CommandServiceFixture.ok(service.post("/orders/" + order + "/deliver", null));
    }
}
