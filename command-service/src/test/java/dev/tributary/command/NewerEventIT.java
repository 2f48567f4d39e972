package dev.tributary.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.domains.shop.events.ProductEvent.ProductAdded;
import dev.tributary.domains.shop.events.ProductEvent.ProductRestocked;
import dev.tributary.domains.shop.events.Shop;
import dev.tributary.events.Money;
import dev.tributary.events.StoredEvent;
import dev.tributary.eventstore.EventItems;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * During a rolling deploy an older command service meets an aggregate whose history a newer one has
 * already written to: it answers 503 with a problem naming the aggregate and the event it cannot read,
 * and decides nothing half understood. A product added by a year-old deployment (ProductAdded schema 1,
 * no category) is decided on as uncategorized.
 */
class NewerEventIT {

    private static CommandServiceFixture service;

    @BeforeAll
    static void start() {
        service = new CommandServiceFixture();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void a_command_on_an_aggregate_with_an_event_of_a_newer_schema_gets_503_naming_it_and_writes_nothing() {
        UUID product = service.product(5);
        var item = new HashMap<>(EventItems.toItem(new StoredEvent(Shop.product(product), 3, UUID.randomUUID(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), UUID.randomUUID(), new ProductRestocked(product, 1))));
        item.put(EventItems.SCHEMA, AttributeValue.fromN("2"));
        service.dynamo.putItem(p -> p.tableName(service.tables.events()).item(item));

        var answer = service.post("/products/" + product + "/restock", "{\"quantity\":1}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(answer.body()).contains("event-from-a-newer-version").contains("Product#" + product + "@3")
                .contains("schema 2 of ProductRestocked, newer than the 1 this version reads");
        var items = service.dynamo.query(q -> q.tableName(service.tables.events()).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(java.util.Map.of(":pk",
                        AttributeValue.fromS(Shop.product(product).pk())))).count();
        assertThat(items).as("the product's three events, and nothing written after them").isEqualTo(3);
    }

    @Test
    void a_product_added_by_a_year_old_deployment_is_decided_on_as_uncategorized_and_can_be_given_a_category() {
        UUID product = UUID.randomUUID();
        var item = new HashMap<>(EventItems.toItem(new StoredEvent(Shop.product(product), 1, UUID.randomUUID(),
                Instant.parse("2025-12-06T10:00:00Z"), UUID.randomUUID(),
                new ProductAdded(product, "OLD-1", "Old", new Money(100, "EUR"), "uncategorized"))));
        var data = new HashMap<>(item.get(EventItems.DATA).m());
        data.remove("category");
        item.put(EventItems.DATA, AttributeValue.fromM(data));
        item.put(EventItems.SCHEMA, AttributeValue.fromN("1"));
        service.dynamo.putItem(p -> p.tableName(service.tables.events()).item(item));

        var same = service.post("/products/" + product + "/change-category", "{\"category\":\"uncategorized\"}");
        var moved = service.post("/products/" + product + "/change-category", "{\"category\":\"garden-tools\"}");
        var bad = service.post("/products/" + product + "/change-category", "{\"category\":\"Garden Tools\"}");

        assertThat(same.statusCode()).as(same.body()).isEqualTo(200);
        assertThat(same.body()).as("already uncategorized: nothing to change").contains("\"version\":1");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(moved.body()).contains("\"version\":2");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
    }
}
