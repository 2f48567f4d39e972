package dev.tributary.command.snapshot;

import dev.tributary.domains.shop.events.Shop;
import dev.tributary.domains.shop.command.product.ProductAggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.command.CommandServiceFixture;
import dev.tributary.command.handling.Aggregates;
import dev.tributary.domains.shop.command.product.ProductDecider;
import dev.tributary.domains.shop.command.product.ProductState.Listed;
import dev.tributary.events.AggregateId;
import dev.tributary.events.Money;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** When snapshots are taken, and what a load does with one it cannot trust. */
class SnapshotsIT {

    private static final int EVERY = 10;
    private static CommandServiceFixture service;

    @BeforeAll
    static void start() {
        service = new CommandServiceFixture(Map.of("tributary.command.snapshot-every", EVERY));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void a_snapshot_is_taken_every_n_versions_and_never_replaced_by_an_older_one() {
        var product = Shop.product(service.product(0));
        for (long version = 2; version <= 35; version++) {
            restock(product, 1);
            assertThat(Histories.snapshotVersion(service, product)).as("snapshot at version " + version)
                    .isEqualTo(version / EVERY * EVERY);
        }
        var snapshot = Histories.snapshotItem(service, product).orElseThrow();
        assertThat(snapshot.get(DynamoSnapshots.COMMAND_ID).s())
                .isEqualTo(service.events(product.pk()).get(29).commandId().toString());
        assertThat(ProductAggregate.INSTANCE.stateCodec().decode(snapshot.get(DynamoSnapshots.STATE).m()))
                .isEqualTo(new Listed(sku(product), "Widget", new Money(1000, "EUR"), 29, "uncategorized"));

        var snapshots = service.bean(DynamoSnapshots.class);
        var stale = new Listed("STALE", "Stale", new Money(1, "EUR"), 1, "uncategorized");
        snapshots.save(new Snapshot<>(product, 25, UUID.randomUUID(), stale), ProductAggregate.INSTANCE.stateCodec());
        snapshots.save(new Snapshot<>(product, 30, UUID.randomUUID(), stale), ProductAggregate.INSTANCE.stateCodec());
        snapshots.flush();

        assertThat(Histories.snapshotItem(service, product)).contains(snapshot);
    }

    @Test
    void of_two_snapshots_waiting_to_be_written_the_newer_wins_in_whichever_order_they_were_saved() {
        var product = Shop.product(UUID.randomUUID());
        var snapshots = service.bean(DynamoSnapshots.class);
        var codec = ProductAggregate.INSTANCE.stateCodec();
        snapshots.save(new Snapshot<>(product, 7, UUID.randomUUID(), new Listed("A", "A", new Money(1, "EUR"), 7, "uncategorized")), codec);
        snapshots.save(new Snapshot<>(product, 5, UUID.randomUUID(), new Listed("A", "A", new Money(1, "EUR"), 5, "uncategorized")), codec);
        snapshots.flush();

        assertThat(Histories.snapshotVersion(service, product)).isEqualTo(7);
    }

    @Test
    void an_unreadable_snapshot_is_ignored_and_the_aggregate_is_folded_from_its_events() {
        Map<String, UnaryOperator<Map<String, AttributeValue>>> corruptions = Map.of(
                "an unknown state schema", item -> with(item, DynamoSnapshots.STATE_SCHEMA, AttributeValue.fromN("99")),
                "an unknown kind of state", item -> with(item, DynamoSnapshots.STATE,
                        AttributeValue.fromM(Map.of("kind", AttributeValue.fromS("Bogus")))),
                "a state missing a field", item -> with(item, DynamoSnapshots.STATE,
                        AttributeValue.fromM(without(item.get(DynamoSnapshots.STATE).m(), "available"))),
                "a version that is not a number", item -> with(item, DynamoSnapshots.VERSION, AttributeValue.fromS("twelve")),
                "a version the aggregate has not reached", item -> lying(item, 500, UUID.randomUUID()),
                "a version of the aggregate written by another command", item -> lying(item, 5, UUID.randomUUID()));
        corruptions.forEach((corruption, corrupt) -> {
            var product = Shop.product(service.product(0));
            for (int i = 0; i < 11; i++) {
                restock(product, 1);
                Histories.snapshotVersion(service, product);
            }
            long version = 12;
            assertThat(Histories.snapshotVersion(service, product)).isEqualTo(10);
            var item = Histories.snapshotItem(service, product).orElseThrow();
            service.dynamo.putItem(p -> p.tableName(service.tables.snapshots()).item(corrupt.apply(item)));

            var loaded = service.bean(Aggregates.class).load(product, ProductAggregate.INSTANCE);
            assertThat(loaded.snapshotVersion()).as(corruption).isZero();
            assertThat(loaded.version()).as(corruption).isEqualTo(version);
            assertThat(loaded.state()).as(corruption).isEqualTo(Histories.fold(service, product, ProductAggregate.INSTANCE));

            var restocked = restock(product, 1);
            assertThat(CommandServiceFixture.field(restocked, "version")).as(corruption).isEqualTo(Long.toString(version + 1));
            assertThat(Histories.snapshotVersion(service, product)).as(corruption + ": replaced by a good one").isEqualTo(version + 1);
            assertThat(service.bean(Aggregates.class).load(product, ProductAggregate.INSTANCE).state())
                    .isEqualTo(new Listed(sku(product), "Widget", new Money(1000, "EUR"), 12, "uncategorized"));
        });
    }

    private static Map<String, AttributeValue> lying(Map<String, AttributeValue> item, long version, UUID command) {
        var lie = with(item, DynamoSnapshots.VERSION, AttributeValue.fromN(Long.toString(version)));
        lie.put(DynamoSnapshots.COMMAND_ID, AttributeValue.fromS(command.toString()));
        lie.put(DynamoSnapshots.STATE, AttributeValue.fromM(ProductAggregate.INSTANCE.stateCodec()
                .encode(new Listed("LIE", "Lie", new Money(1, "EUR"), 1_000_000, "uncategorized"))));
        return lie;
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> item, String name, AttributeValue value) {
        var changed = new HashMap<>(item);
        changed.put(name, value);
        return changed;
    }

    private static Map<String, AttributeValue> without(Map<String, AttributeValue> map, String name) {
        var changed = new HashMap<>(map);
        changed.remove(name);
        return changed;
    }

    private static String restock(AggregateId product, long quantity) {
        var response = service.post("/products/" + product.id() + "/restock", "{\"quantity\":" + quantity + "}");
        CommandServiceFixture.ok(response);
        return response.body();
    }

    private static String sku(AggregateId product) {
        return ((dev.tributary.domains.shop.events.ProductEvent.ProductAdded) service.events(product.pk()).getFirst().data()).sku();
    }
}
