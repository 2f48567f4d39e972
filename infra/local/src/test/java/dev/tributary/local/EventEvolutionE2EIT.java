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
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
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
    private static LocalSettings settings;
    private static LocalStack stack;
    private static final ByteArrayOutputStream OUTPUT = new ByteArrayOutputStream();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        var home = Path.of(System.getProperty("tributary.home", "../..")).toAbsolutePath().normalize();
        settings = new LocalSettings(home, data, data.resolve("class-data"), freePort(), freePort(), freePort(), freePort(), freePort());
        stack = new LocalStack(settings, new PrintStream(OUTPUT, true, StandardCharsets.UTF_8));
        try {
            stack.start();
        } catch (RuntimeException e) {
            stack.close();
            throw new AssertionError("the stack did not start: " + e.getMessage() + "\n" + OUTPUT.toString(StandardCharsets.UTF_8), e);
        }
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
                .endpointOverride(URI.create(settings.dynamoEndpoint()))
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
        String fresh = field(post("/products", "{\"sku\":\"NEW-1\",\"name\":\"Rake\",\"price\":{\"minor\":1500,\"currency\":\"EUR\"},"
                + "\"category\":\"garden\"}"), "id");
        assertThat(post("/products/" + old + "/restock", "{\"quantity\":10}").statusCode()).isEqualTo(200);
        assertThat(post("/products/" + fresh + "/restock", "{\"quantity\":10}").statusCode()).isEqualTo(200);
        String customer = field(post("/customers", "{\"name\":\"Grace\",\"email\":\"grace@example.com\"}"), "id");
        var placed = post("/orders", "{\"customerId\":\"" + customer + "\",\"lines\":[{\"productId\":\"" + old
                + "\",\"quantity\":2},{\"productId\":\"" + fresh + "\",\"quantity\":1}]}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        var moved = post("/products/" + fresh + "/change-category", "{\"category\":\"outdoor\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        String token = moved.headers().firstValue("Consistency-Token").orElseThrow();

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String path = "/reports/revenue-by-category?from=" + today.minusDays(1) + "&to=" + today.plusDays(1) + "&currency=EUR";
        var report = get(settings.queryPort(), path, "application/json", token);
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).isEqualTo("[{\"category\":\"uncategorized\",\"orders\":1,\"units\":2,\"revenue_minor\":2000,\"currency\":\"EUR\"},"
                + "{\"category\":\"outdoor\",\"orders\":1,\"units\":1,\"revenue_minor\":1500,\"currency\":\"EUR\"}]");
        assertThat(get(settings.queryPort(), path, "text/csv", token).body())
                .isEqualTo("category,orders,units,revenue_minor,currency\r\nuncategorized,1,2,2000,EUR\r\noutdoor,1,1,1500,EUR\r\n");
        assertThat(get(settings.queryPort(), "/products?q=lamp", "application/json", null).body()).contains("\"category\":\"uncategorized\"");

        var outcome = RebuildClient.run(URI.create("http://127.0.0.1:" + settings.projectorPort() + "/admin/rebuild"), stack.devToken(),
                false, 2, Duration.ofMillis(200), Duration.ofSeconds(90), schema -> { }, progress -> { });
        assertThat(outcome.state()).as(outcome.toString()).isEqualTo("switched");
        assertThat(outcome.agreed()).as("the rebuild from year-old and new events equals the live model").isTrue();
        assertThat(get(settings.queryPort(), path, "application/json", null).body()).isEqualTo(report.body());
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.commandPort() + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + stack.devToken())
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(int port, String path, String accept, String consistencyToken) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", accept)
                .header("Authorization", "Bearer " + stack.devToken());
        if (consistencyToken != null) {
            request.header("Consistency-Token", consistencyToken);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(HttpResponse<String> response, String name) {
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return field(response.body(), name);
    }

    private static String field(String json, String name) {
        var matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as(name + " in " + json).isTrue();
        return matcher.group(1);
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
