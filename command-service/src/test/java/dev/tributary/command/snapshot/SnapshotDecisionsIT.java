package dev.tributary.command.snapshot;

import dev.tributary.domains.shop.events.Shop;
import dev.tributary.domains.shop.command.product.ProductAggregate;

import static dev.tributary.command.CommandServiceFixture.created;
import static dev.tributary.command.CommandServiceFixture.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.command.CommandServiceFixture;
import dev.tributary.command.handling.Aggregates;
import dev.tributary.domains.shop.command.product.ProductDecider;
import dev.tributary.domains.shop.command.product.ProductState;
import dev.tributary.events.AggregateId;
import dev.tributary.events.StoredEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Deciding from a snapshot gives the same answers as deciding from the whole history. */
class SnapshotDecisionsIT {

    private static final String PRODUCT = "{\"sku\":\"SNAP-1\",\"name\":\"Widget\",\"price\":{\"minor\":1000,\"currency\":\"EUR\"}}";

    @Test
    void a_product_loaded_from_a_snapshot_decides_exactly_as_one_folded_from_all_its_events() {
        List<String> withSnapshots;
        List<String> withoutSnapshots;
        try (var service = new CommandServiceFixture(Map.of("tributary.command.snapshot-every", 7))) {
            var script = new Script(service);
            withSnapshots = script.run();
            for (UUID id : List.of(script.product, script.other)) {
                var product = Shop.product(id);
                long snapshot = Histories.snapshotVersion(service, product);
                var loaded = service.bean(Aggregates.class).load(product, ProductAggregate.INSTANCE);

                assertThat(loaded.version()).isGreaterThan(50);
                assertThat(loaded.snapshotVersion()).as("loaded from its latest snapshot").isEqualTo(snapshot)
                        .isBetween(loaded.version() - 6, loaded.version());
                assertThat(loaded.state()).isEqualTo(Histories.fold(service, product, ProductAggregate.INSTANCE));
            }
        }
        try (var service = new CommandServiceFixture(Map.of("tributary.command.snapshot-every", 0))) {
            var script = new Script(service);
            withoutSnapshots = script.run();
            assertThat(Histories.snapshotItem(service, Shop.product(script.product))).as("snapshots off").isEmpty();
        }

        assertThat(withSnapshots).hasSizeGreaterThan(200).containsExactlyElementsOf(withoutSnapshots);
        assertThat(withSnapshots).as("the script meets refusals too")
                .anyMatch(a -> a.contains("available: ")).anyMatch(a -> a.contains("is discontinued"));
    }

    @Test
    void concurrent_orders_on_a_snapshotted_product_still_never_oversell() {
        try (var service = new CommandServiceFixture(Map.of("tributary.command.snapshot-every", 5))) {
            UUID customer = service.customer();
            UUID product = service.product(0);
            var aggregate = Shop.product(product);
            for (int i = 0; i < 10; i++) {
                CommandServiceFixture.ok(service.post("/products/" + product + "/restock", "{\"quantity\":1}"));
                Histories.snapshotVersion(service, aggregate);
            }
            assertThat(Histories.snapshotVersion(service, aggregate)).isEqualTo(10);

            var results = CommandServiceFixture.race(50, client -> service.post("/orders",
                    "{\"customerId\":\"" + customer + "\",\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}"));

            assertThat(results).filteredOn(r -> r.statusCode() == 201).hasSize(10);
            assertThat(results).filteredOn(r -> r.statusCode() != 201)
                    .allSatisfy(r -> assertThat(r.body()).contains("available: 0"));
            List<StoredEvent> history = service.events(aggregate.pk());
            assertThat(history).extracting(StoredEvent::version)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, history.size()).boxed().toList());
            assertThat(CommandServiceFixture.stockNeverNegative(history)).isZero();
            assertThat(Histories.snapshotVersion(service, aggregate)).as("snapshots went on during the race").isGreaterThan(10);
            var loaded = service.bean(Aggregates.class).load(aggregate, ProductAggregate.INSTANCE);
            assertThat(loaded.state()).isEqualTo(Histories.fold(service, aggregate, ProductAggregate.INSTANCE));
            assertThat(((ProductState.Listed) loaded.state()).available()).isZero();
        }
    }

    /**
     * The same commands, one after another, against a service: orders of two products that sometimes
     * sell out, cancellations, restocks, price changes, and at the end a discontinued product. Each
     * answer is kept as its status and body, with ids blanked out.
     */
    private static final class Script {

        private final CommandServiceFixture service;
        private final List<String> answers = new ArrayList<>();
        private UUID product;
        private UUID other;

        Script(CommandServiceFixture service) {
            this.service = service;
        }

        List<String> run() {
            UUID customer = created(service.post("/customers", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}"));
            product = created(service.post("/products", PRODUCT));
            other = created(service.post("/products", PRODUCT));
            keep(service.post("/products/" + product + "/restock", "{\"quantity\":30}"));
            keep(service.post("/products/" + other + "/restock", "{\"quantity\":1000}"));
            var open = new ArrayDeque<UUID>();
            for (int i = 0; i < 220; i++) {
                if (i == 200) {
                    keep(service.post("/products/" + product + "/discontinue", null));
                } else if (i % 10 == 3) {
                    keep(service.post("/products/" + product + "/change-price",
                            "{\"price\":{\"minor\":" + (1000 + i) + ",\"currency\":\"EUR\"}}"));
                } else if (i % 6 == 5 && !open.isEmpty()) {
                    keep(service.post("/orders/" + open.removeFirst() + "/cancel", "{\"reason\":\"script\"}"));
                } else if (i % 17 == 0 && i < 200) {
                    keep(service.post("/products/" + product + "/restock", "{\"quantity\":" + (i % 5 + 1) + "}"));
                } else {
                    var placed = keep(service.post("/orders", "{\"customerId\":\"" + customer + "\",\"lines\":["
                            + "{\"productId\":\"" + product + "\",\"quantity\":" + (i % 4 + 1) + "},"
                            + "{\"productId\":\"" + other + "\",\"quantity\":1}]}"));
                    if (placed.statusCode() == 201) {
                        open.addLast(UUID.fromString(field(placed.body(), "id")));
                    }
                }
            }
            return answers;
        }

        private java.net.http.HttpResponse<String> keep(java.net.http.HttpResponse<String> response) {
            answers.add(response.statusCode() + " " + response.body()
                    .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>"));
            return response;
        }
    }
}
