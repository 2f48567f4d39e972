package dev.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.embedded.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system as the launcher starts it: DynamoDB Local and Postgres on disk, three service
 * JVMs, driven over HTTP only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackE2EIT {

    @TempDir
    static Path data;
    private static LocalSettings settings;
    private static LocalStack stack;
    private static final ByteArrayOutputStream OUTPUT = new ByteArrayOutputStream();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String customerId;

    @BeforeAll
    static void start() {
        var home = Path.of(System.getProperty("tributary.home", "../..")).toAbsolutePath().normalize();
        settings = new LocalSettings(home, data, data.resolve("class-data"), Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free());
        stack = startStack();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void a_registered_customer_travels_from_the_command_service_to_the_query_service() throws Exception {
        var created = post("/customers", "{\"name\":\"Katherine Johnson\",\"email\":\"katherine@example.com\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        customerId = field(created.body(), "id");
        assertThat(created.headers().firstValue("Consistency-Token")).contains("Customer#" + customerId + "@1");

        var read = awaitCustomer(customerId, Duration.ofSeconds(60));
        assertThat(read.body())
                .contains("\"name\":\"Katherine Johnson\"")
                .contains("\"email\":\"katherine@example.com\"")
                .contains("\"version\":1");
        // Printed by the launcher when Postgres notifies it, a moment after the read model has the row.
        var deadline = Instant.now().plusSeconds(30);
        while (!output().contains("tributary: first event projected") && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(output()).contains("tributary: first event projected");
        System.out.println(output().lines().filter(l -> l.startsWith("tributary:")).toList());
    }

    @Test
    @Order(2)
    void a_malformed_registration_gets_a_problem_and_never_reaches_the_read_model() throws Exception {
        long before = projectedEvents();

        var bad = post("/customers", "{\"name\":\"" + "x".repeat(500) + "\",\"email\":\"k@example.com\"}");
        var good = post("/customers", "{\"name\":\"Mary Jackson\",\"email\":\"mary@example.com\"}");
        awaitCustomer(field(good.body(), "id"), Duration.ofSeconds(60));

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(projectedEvents()).as("only the good command's event was projected").isEqualTo(before + 1);
    }

    @Test
    @Order(3)
    void an_order_reserves_stock_and_a_sold_out_product_refuses_the_next_one() throws Exception {
        String customer = field(post("/customers", "{\"name\":\"Annie Easley\",\"email\":\"annie@example.com\"}").body(), "id");
        String product = field(post("/products",
                "{\"sku\":\"E2E-1\",\"name\":\"Slide rule\",\"price\":{\"minor\":4200,\"currency\":\"EUR\"}}").body(), "id");
        assertThat(post("/products/" + product + "/restock", "{\"quantity\":2}").statusCode()).isEqualTo(200);
        String order = "{\"customerId\":\"" + customer + "\",\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":2}]}";

        assertThat(post("/orders", order).statusCode()).isEqualTo(201);
        var soldOut = post("/orders", order);

        assertThat(soldOut.statusCode()).isEqualTo(409);
        assertThat(soldOut.body()).contains("\"currentState\":\"available: 0\"");
    }

    @Test
    @Order(4)
    void restarting_the_launcher_keeps_the_dynamodb_and_postgres_data() throws Exception {
        stack.close();
        stack = startStack();

        assertThat(get(settings.queryPort(), "/customers/" + customerId).statusCode()).isEqualTo(200);
        var again = post("/customers", "{\"name\":\"Dorothy Vaughan\",\"email\":\"dorothy@example.com\"}");
        awaitCustomer(field(again.body(), "id"), Duration.ofSeconds(60));
        try (var c = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + settings.postgresPort() + "/tributary", "postgres", "")) {
            var rows = c.createStatement().executeQuery(
                    "SELECT count(*), count(*) FILTER (WHERE version = 1) FROM customers");
            rows.next();
            assertThat(rows.getLong(1)).as("customers after the restart").isEqualTo(4);
            assertThat(rows.getLong(2)).isEqualTo(4);
        }
    }

    @Test
    @Order(5)
    void the_readme_walk_through_runs_as_written_and_answers_as_shown() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("curl"),
                "README walk-through test skipped: curl is not on PATH, and the walk-through is written with it");
        var blocks = ReadmeWalkThrough.blocks(settings.home().resolve("README.md"));
        assertThat(blocks).as("the walk-through's shell blocks").hasSizeGreaterThan(5);

        ReadmeWalkThrough.run(blocks, stack.devToken(), settings);
    }

    private static boolean onPath(String tool) {
        boolean found = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> java.nio.file.Files.isExecutable(Path.of(dir, tool)));
        if (!found) {
            System.err.println("README walk-through test skipped: " + tool + " is not on PATH, and the walk-through is written with it");
        }
        return found;
    }

    private static LocalStack startStack() {
        var started = new LocalStack(settings, new PrintStream(OUTPUT, true, StandardCharsets.UTF_8));
        try {
            started.start();
        } catch (RuntimeException e) {
            started.close();
            throw new AssertionError("the stack did not start: " + e.getMessage() + "\n" + output(), e);
        }
        return started;
    }

    /** Events applied according to the projector's own status, summed over shards, this run. */
    private static long projectedEvents() throws Exception {
        var body = get(settings.projectorPort(), "/status").body();
        var matcher = Pattern.compile("\"eventsApplied\":(\\d+)").matcher(body);
        long total = 0;
        while (matcher.find()) {
            total += Long.parseLong(matcher.group(1));
        }
        return total;
    }

    private static HttpResponse<String> awaitCustomer(String id, Duration timeout) throws Exception {
        var deadline = Instant.now().plus(timeout);
        HttpResponse<String> response;
        do {
            response = get(settings.queryPort(), "/customers/" + id);
            if (response.statusCode() == 200) {
                return response;
            }
            Thread.sleep(20);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("customer " + id + " not readable within " + timeout + ": " + response.body());
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.commandPort() + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + stack.devToken())
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + stack.devToken()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        var matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as(name + " in " + json).isTrue();
        return matcher.group(1);
    }

    private static String output() {
        return OUTPUT.toString(StandardCharsets.UTF_8);
    }

}
