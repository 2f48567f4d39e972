package dev.tributary.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdempotencyIT {

    private static CommandServiceFixture service;
    private static final String BODY = "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}";

    @BeforeAll
    static void start() {
        service = new CommandServiceFixture();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static Map<String, String> key(String key) {
        return Map.of("Idempotency-Key", key);
    }

    @Test
    void a_retry_with_the_same_key_and_body_has_one_effect_and_the_same_response() {
        String key = UUID.randomUUID().toString();
        int before = service.eventCount();

        var first = service.post("/customers", BODY, key(key));
        var retry = service.post("/customers", "{ \"email\": \"ada@example.com\", \"name\": \"Ada\" }", key(key));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(retry.headers().firstValue("Consistency-Token")).isEqualTo(first.headers().firstValue("Consistency-Token"));
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(service.eventCount()).isEqualTo(before + 1);
    }

    @Test
    void the_same_key_with_a_different_body_gets_422_and_writes_nothing() {
        String key = UUID.randomUUID().toString();
        service.post("/customers", BODY, key(key));
        int before = service.eventCount();

        var reused = service.post("/customers", "{\"name\":\"Eve\",\"email\":\"eve@example.com\"}", key(key));

        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(reused.body()).contains("already used with a different request");
        assertThat(service.eventCount()).isEqualTo(before);
    }

    @Test
    void the_key_is_stored_in_the_same_transaction_as_the_events_with_a_24_hour_ttl() {
        int keysBefore = service.idempotencyCount();
        long now = java.time.Instant.now().getEpochSecond();

        service.post("/customers", BODY, key(UUID.randomUUID().toString()));

        assertThat(service.idempotencyCount()).isEqualTo(keysBefore + 1);
        var item = service.dynamo.scan(s -> s.tableName(service.tables.idempotency())).items().stream()
                .max(java.util.Comparator.comparingLong(i -> Long.parseLong(i.get("expiresAt").n()))).orElseThrow();
        assertThat(Long.parseLong(item.get("expiresAt").n()) - now).isBetween(24 * 3600L - 60, 24 * 3600L + 60);
    }

    @Test
    void concurrent_requests_with_one_key_have_one_effect_and_all_get_the_same_answer() throws Exception {
        String key = UUID.randomUUID().toString();
        int before = service.eventCount();
        List<HttpResponse<String>> results = CommandServiceFixture.race(10, client -> service.post("/customers", BODY, key(key)));
        var bodies = new java.util.HashSet<String>();
        for (var result : results) {
            assertThat(result.statusCode()).isEqualTo(201);
            bodies.add(result.body());
        }
        assertThat(bodies).hasSize(1);
        assertThat(service.eventCount()).isEqualTo(before + 1);
    }

    @Test
    void keys_are_scoped_to_the_caller() {
        String key = UUID.randomUUID().toString();
        var mine = service.post("/customers", BODY, key(key));
        var theirs = service.post("/customers", "{\"name\":\"Eve\",\"email\":\"eve@example.com\"}",
                Map.of("Idempotency-Key", key, "Authorization", "Bearer " + service.token("admin")));

        assertThat(mine.statusCode()).isEqualTo(201);
        assertThat(theirs.statusCode()).isEqualTo(201);
        assertThat(theirs.body()).isNotEqualTo(mine.body());
    }
}
