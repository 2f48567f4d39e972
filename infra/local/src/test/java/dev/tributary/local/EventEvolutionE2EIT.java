package dev.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.domains.shop.events.ProductEvent.ProductAdded;
import dev.tributary.domains.shop.events.Shop;
import dev.tributary.events.Money;
import dev.tributary.events.StoredEvent;
import dev.tributary.eventstore.EventItems;
import dev.tributary.eventstore.TableNames;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events written a year ago beside events written today, through the whole stack as the launcher
 * starts it: ProductAdded items of schema 1 (no category), put straight into DynamoDB as the deployment
 * of a year ago wrote them, and products added with a category by today's command service. Commands on
 * the old products succeed, the projector applies both, the revenue-by-category report is exact, and a
 * whole rebuild from the events table verifies and switches without force.
 */
class EventEvolutionE2EIT {

    @TempDir
    static Path data;
    private static StackUnderTest stack;

    @BeforeAll
    static void start() {
        stack = StackUnderTest.start(data);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void year_old_events_and_todays_read_and_report_alike_and_a_whole_rebuild_agrees_without_force() throws Exception {
        UUID old = UUID.randomUUID();
        try (var dynamo = software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                .endpointOverride(URI.create(stack.settings.dynamoEndpoint()))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                .build()) {
            var item = new HashMap<>(EventItems.toItem(new StoredEvent(Shop.product(old), 1, UUID.randomUUID(),
                    Instant.now().minus(Duration.ofDays(365)).truncatedTo(ChronoUnit.MICROS), UUID.randomUUID(),
                    new ProductAdded(old, "OLD-1", "Year-old lamp", new Money(1000, "EUR"), "ignored"))));
            var data = new HashMap<>(item.get(EventItems.DATA).m());
            data.remove("category");
            item.put(EventItems.DATA, AttributeValue.fromM(data));
            item.put(EventItems.SCHEMA, AttributeValue.fromN("1"));
            dynamo.putItem(p -> p.tableName(TableNames.DEFAULTS.events()).item(item));
        }
        String fresh = StackUnderTest.field(stack.post("/products", "{\"sku\":\"NEW-1\",\"name\":\"Rake\",\"price\":{\"minor\":1500,\"currency\":\"EUR\"},"
                + "\"category\":\"garden\"}"), "id");
        assertThat(stack.post("/products/" + old + "/restock", "{\"quantity\":10}").statusCode()).isEqualTo(200);
        assertThat(stack.post("/products/" + fresh + "/restock", "{\"quantity\":10}").statusCode()).isEqualTo(200);
        String customer = StackUnderTest.field(stack.post("/customers", "{\"name\":\"Grace\",\"email\":\"grace@example.com\"}"), "id");
        var placed = stack.post("/orders", "{\"customerId\":\"" + customer + "\",\"lines\":[{\"productId\":\"" + old
                + "\",\"quantity\":2},{\"productId\":\"" + fresh + "\",\"quantity\":1}]}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        var moved = stack.post("/products/" + fresh + "/change-category", "{\"category\":\"outdoor\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        String token = moved.headers().firstValue("Consistency-Token").orElseThrow();

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String path = "/reports/revenue-by-category?from=" + today.minusDays(1) + "&to=" + today.plusDays(1) + "&currency=EUR";
        var report = stack.query(path, "application/json", token);
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).isEqualTo("[{\"category\":\"uncategorized\",\"orders\":1,\"units\":2,\"revenue_minor\":2000,\"currency\":\"EUR\"},"
                + "{\"category\":\"outdoor\",\"orders\":1,\"units\":1,\"revenue_minor\":1500,\"currency\":\"EUR\"}]");
        assertThat(stack.query(path, "text/csv", token).body())
                .isEqualTo("category,orders,units,revenue_minor,currency\r\nuncategorized,1,2,2000,EUR\r\noutdoor,1,1,1500,EUR\r\n");
        assertThat(stack.query("/products?q=lamp", "application/json", null).body()).contains("\"category\":\"uncategorized\"");

        var outcome = RebuildClient.run(stack.projector("/admin/rebuild"), stack.token(),
                false, 2, Duration.ofMillis(200), Duration.ofSeconds(90), schema -> { }, progress -> { });
        assertThat(outcome.state()).as(outcome.toString()).isEqualTo("switched");
        assertThat(outcome.agreed()).as("the rebuild from year-old and new events equals the live model").isTrue();
        assertThat(stack.query(path, "application/json", null).body()).isEqualTo(report.body());
    }


}
