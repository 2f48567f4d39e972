package dev.tributary.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.events.AggregateId;
import dev.tributary.events.CustomerEvent.CustomerRegistered;
import dev.tributary.events.EventItems;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class RegisterCustomerIT {

    private static CommandServiceFixture service;
    private int eventsBefore;

    @BeforeAll
    static void start() {
        service = new CommandServiceFixture();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @BeforeEach
    void countEvents() {
        eventsBefore = service.eventCount();
    }

    @Test
    void registering_a_customer_appends_one_CustomerRegistered_event_at_version_1() {
        var response = service.postJson("/customers", "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        var id = UUID.fromString(field(response.body(), "id"));
        assertThat(response.headers().firstValue("Location")).contains("/customers/" + id);
        assertThat(response.headers().firstValue("Consistency-Token")).contains("Customer#" + id + "@1");
        assertThat(response.body()).contains("\"version\":1");

        var item = service.dynamo.getItem(g -> g.tableName(service.tables.events()).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("Customer#" + id), "sk", AttributeValue.fromN("1")))).item();
        var event = EventItems.fromItem(item);
        assertThat(event.aggregateId()).isEqualTo(AggregateId.customer(id));
        assertThat(event.data()).isEqualTo(new CustomerRegistered(id, "Ada Lovelace", "ada@example.com"));
    }

    static Iterable<Arguments> malformedRegistrations() {
        return java.util.List.of(
                Arguments.of("malformed JSON", "application/json", "{\"name\":\"Ada\",", 400, "JSON"),
                Arguments.of("not JSON at all", "application/json", "hello", 400, null),
                Arguments.of("empty body", "application/json", "", 400, null),
                Arguments.of("a JSON array", "application/json", "[]", 400, null),
                Arguments.of("missing name", "application/json", "{\"email\":\"ada@example.com\"}", 400, "\"field\":\"name\""),
                Arguments.of("missing email", "application/json", "{\"name\":\"Ada\"}", 400, "\"field\":\"email\""),
                Arguments.of("blank name", "application/json", "{\"name\":\"  \",\"email\":\"ada@example.com\"}", 400, "\"field\":\"name\""),
                Arguments.of("null name", "application/json", "{\"name\":null,\"email\":\"ada@example.com\"}", 400, "\"field\":\"name\""),
                Arguments.of("oversized name", "application/json",
                        "{\"name\":\"" + "x".repeat(201) + "\",\"email\":\"ada@example.com\"}", 400, "\"field\":\"name\""),
                Arguments.of("invalid email", "application/json", "{\"name\":\"Ada\",\"email\":\"not-an-email\"}", 400, "\"field\":\"email\""),
                Arguments.of("name of the wrong type", "application/json", "{\"name\":{\"first\":\"Ada\"},\"email\":\"ada@example.com\"}", 400, null),
                Arguments.of("unknown field", "application/json",
                        "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"isAdmin\":true}", 400, "\"field\":\"isAdmin\""),
                Arguments.of("body over 64 KiB", "application/json",
                        "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"pad\":\"" + "x".repeat(70_000) + "\"}", 413, null),
                Arguments.of("wrong content type", "text/plain", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}", 415, null));
    }

    @ParameterizedTest(name = "{0} gets {3} and writes nothing")
    @MethodSource("malformedRegistrations")
    void a_malformed_registration_gets_a_problem_and_writes_nothing(
            String description, String contentType, String body, int status, String mentioned) {
        var response = service.post("/customers", contentType, body);

        assertThat(response.statusCode()).as(description + ": " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status).contains("\"title\":");
        if (mentioned != null) {
            assertThat(response.body()).contains(mentioned);
        }
        assertThat(service.eventCount()).isEqualTo(eventsBefore);
    }

    private static String field(String json, String name) {
        var matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as(name + " in " + json).isTrue();
        return matcher.group(1);
    }
}
