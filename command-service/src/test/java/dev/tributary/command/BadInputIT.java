package dev.tributary.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input gets a 4xx problem that says what is wrong, and nothing is written. */
class BadInputIT {

    private static CommandServiceFixture service;
    private static UUID customer;
    private static UUID product;
    private static UUID discontinued;
    private int eventsBefore;
    private int keysBefore;

    @BeforeAll
    static void start() {
        service = new CommandServiceFixture();
        customer = service.customer();
        product = service.product(5);
        discontinued = service.product(5);
        CommandServiceFixture.ok(service.post("/products/" + discontinued + "/discontinue", null));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @BeforeEach
    void count() {
        eventsBefore = service.eventCount();
        keysBefore = service.idempotencyCount();
    }

    record Case(String description, String path, String body, Map<String, String> headers, int status, String mentions) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Case post(String description, String path, String body, int status, String mentions) {
        return new Case(description, path, body, Map.of(), status, mentions);
    }

    static String order(String lines) {
        return "{\"customerId\":\"" + customer + "\",\"lines\":[" + lines + "]}";
    }

    static String line(UUID productId, long quantity) {
        return "{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}";
    }

    static List<Case> cases() {
        String validCustomer = "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}";
        String validProduct = "{\"sku\":\"SKU-9\",\"name\":\"Widget\",\"price\":{\"minor\":1000,\"currency\":\"EUR\"}}";
        var fiftyOne = new ArrayList<String>();
        for (int i = 0; i < 51; i++) {
            fiftyOne.add(line(UUID.randomUUID(), 1));
        }
        return List.of(
                post("malformed JSON", "/customers", "{\"name\":\"Ada\",", 400, "well-formed JSON"),
                post("not JSON at all", "/customers", "hello", 400, null),
                post("empty body", "/customers", "", 400, null),
                post("a JSON array instead of an object", "/customers", "[]", 400, null),
                post("missing name", "/customers", "{\"email\":\"ada@example.com\"}", 400, "\"field\":\"name\""),
                post("missing email", "/customers", "{\"name\":\"Ada\"}", 400, "\"field\":\"email\""),
                post("blank name", "/customers", "{\"name\":\"  \",\"email\":\"ada@example.com\"}", 400, "\"field\":\"name\""),
                post("null name", "/customers", "{\"name\":null,\"email\":\"ada@example.com\"}", 400, "\"field\":\"name\""),
                post("name over 200 characters", "/customers",
                        "{\"name\":\"" + "x".repeat(201) + "\",\"email\":\"ada@example.com\"}", 400, "\"field\":\"name\""),
                post("invalid email", "/customers", "{\"name\":\"Ada\",\"email\":\"not-an-email\"}", 400, "\"field\":\"email\""),
                post("email over 254 characters", "/customers",
                        "{\"name\":\"Ada\",\"email\":\"" + "a".repeat(250) + "@example.com\"}", 400, "\"field\":\"email\""),
                post("name of the wrong type", "/customers", "{\"name\":{\"first\":\"Ada\"},\"email\":\"ada@example.com\"}", 400, null),
                post("unknown field", "/customers", "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"isAdmin\":true}", 400,
                        "\"field\":\"isAdmin\""),
                post("body over 64 KiB", "/customers",
                        "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"pad\":\"" + "x".repeat(70_000) + "\"}", 413, null),
                new Case("wrong content type", "/customers", validCustomer, Map.of("Content-Type", "text/plain"), 415, null),
                post("customer id that is not a UUID", "/customers/not-a-uuid/rename", "{\"name\":\"X\"}", 400, "\"field\":\"id\""),
                post("rename of an unknown customer", "/customers/" + UUID.randomUUID() + "/rename", "{\"name\":\"X\"}", 404, "no customer"),
                post("rename to a blank name", "/customers/" + customer + "/rename", "{\"name\":\"\"}", 400, "\"field\":\"name\""),
                post("price of zero", "/products", validProduct.replace("1000", "0"), 400, "\"field\":\"minor\""),
                post("negative price", "/products", validProduct.replace("1000", "-5"), 400, "\"field\":\"minor\""),
                post("price over the maximum", "/products", validProduct.replace("1000", "100000001"), 400, "\"field\":\"minor\""),
                post("price that is not a whole number of minor units", "/products", validProduct.replace("1000", "10.5"), 400,
                        "\"field\":\"minor\""),
                post("order line of a fractional quantity", "/orders", order(line(product, 1).replace(":1}", ":1.5}")), 400,
                        "\"field\":\"quantity\""),
                post("currency that is not ISO 4217", "/products", validProduct.replace("EUR", "euro"), 400, "\"field\":\"currency\""),
                post("missing price", "/products", "{\"sku\":\"SKU-9\",\"name\":\"Widget\"}", 400, "\"field\":\"price\""),
                post("sku with spaces", "/products", validProduct.replace("SKU-9", "SKU 9"), 400, "\"field\":\"sku\""),
                post("sku over 64 characters", "/products", validProduct.replace("SKU-9", "S".repeat(65)), 400, "\"field\":\"sku\""),
                post("restock of zero", "/products/" + product + "/restock", "{\"quantity\":0}", 400, "\"field\":\"quantity\""),
                post("negative restock", "/products/" + product + "/restock", "{\"quantity\":-3}", 400, "\"field\":\"quantity\""),
                post("restock over the maximum", "/products/" + product + "/restock", "{\"quantity\":1000001}", 400, "\"field\":\"quantity\""),
                post("restock of an unknown product", "/products/" + UUID.randomUUID() + "/restock", "{\"quantity\":1}", 404, "no product"),
                post("restock of a discontinued product", "/products/" + discontinued + "/restock", "{\"quantity\":1}", 409,
                        "\"currentState\":\"discontinued\""),
                post("order with no lines", "/orders", order(""), 400, "\"field\":\"lines\""),
                post("order with 51 lines", "/orders", order(String.join(",", fiftyOne)), 400, "\"field\":\"lines\""),
                post("order line of quantity zero", "/orders", order(line(product, 0)), 400, "\"field\":\"quantity\""),
                post("order line of negative quantity", "/orders", order(line(product, -1)), 400, "\"field\":\"quantity\""),
                post("order line with a product id that is not a UUID", "/orders",
                        order("{\"productId\":\"nope\",\"quantity\":1}"), 400, null),
                post("order missing its customer", "/orders", "{\"lines\":[" + line(product, 1) + "]}", 400, "\"field\":\"customerId\""),
                post("order for an unknown customer", "/orders",
                        "{\"customerId\":\"" + UUID.randomUUID() + "\",\"lines\":[" + line(product, 1) + "]}", 422, "no customer"),
                post("order of an unknown product", "/orders", order(line(UUID.randomUUID(), 1)), 422, "no product"),
                post("order naming one product on two lines", "/orders", order(line(product, 1) + "," + line(product, 1)), 422,
                        "two lines"),
                post("order for more than is in stock", "/orders", order(line(product, 6)), 409, "\"currentState\":\"available: 5\""),
                post("order of a discontinued product", "/orders", order(line(discontinued, 1)), 409, "discontinued"),
                post("payment of an unknown order", "/orders/" + UUID.randomUUID() + "/pay", null, 404, "no order"),
                post("a NUL in a name", "/customers", "{\"name\":\"nul\\u0000byte\",\"email\":\"nul@example.com\"}", 400, "U+0000"),
                post("a lone surrogate in a name", "/customers", "{\"name\":\"bad \\ud800 surrogate\",\"email\":\"s@example.com\"}", 400,
                        "surrogate"),
                post("a control character in a reason", "/orders/" + UUID.randomUUID() + "/cancel", "{\"reason\":\"a\\u001bb\"}", 400,
                        "control character"),
                post("true as a quantity", "/products/" + product + "/restock", "{\"quantity\":true}", 400, "\"field\":\"quantity\""),
                post("a number as a name", "/customers", "{\"name\":42,\"email\":\"ada@example.com\"}", 400, "must be a string"),
                post("a string as an amount", "/products", validProduct.replace("1000", "\"100\""), 400, "must be a number"),
                post("trailing data after the document", "/customers", validCustomer + " {}", 400, "well-formed JSON"),
                post("a key twice", "/customers", "{\"name\":\"Ada\",\"name\":\"Eve\",\"email\":\"ada@example.com\"}", 400,
                        "Duplicate field"),
                post("a currency not in ISO 4217", "/products", validProduct.replace("EUR", "ZZZ"), 400, "\"field\":\"currency\""),
                new Case("malformed Idempotency-Key", "/customers", validCustomer, Map.of("Idempotency-Key", "has spaces in it"), 400,
                        "Idempotency-Key"),
                new Case("If-Match that is not a version", "/customers/" + customer + "/rename", "{\"name\":\"Y\"}",
                        Map.of("If-Match", "yesterday"), 400, "If-Match"),
                new Case("If-Match of a stale version", "/customers/" + customer + "/rename", "{\"name\":\"Y\"}",
                        Map.of("If-Match", "7"), 412, "at version 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bad_input_gets_a_problem_and_writes_nothing(Case input) {
        var response = service.post(input.path(), input.body(), input.headers());

        assertThat(response.statusCode()).as(input.description() + ": " + response.body()).isEqualTo(input.status());
        assertThat(response.headers().firstValue("Content-Type")).as(input.description()).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + input.status()).contains("\"title\":");
        if (input.mentions() != null) {
            assertThat(response.body()).as(input.description()).contains(input.mentions());
        }
        assertThat(service.eventCount()).as("events after " + input.description()).isEqualTo(eventsBefore);
        assertThat(service.idempotencyCount()).isEqualTo(keysBefore);
    }

    @org.junit.jupiter.api.Test
    void a_body_without_content_type_gets_415_and_writes_nothing() {
        var response = service.send(java.net.http.HttpRequest.newBuilder(service.uri("/customers"))
                .header("Authorization", "Bearer " + service.writerToken)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\",\"email\":\"ada@example.com\"}"))
                .build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        assertThat(response.body()).contains("Content-Type: application/json");
        assertThat(service.eventCount()).isEqualTo(eventsBefore);
    }
}
