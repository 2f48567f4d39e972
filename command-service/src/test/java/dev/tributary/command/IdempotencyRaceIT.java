package dev.tributary.command;

import dev.tributary.domains.shop.events.Shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.command.eventstore.HeldAppends;
import dev.tributary.events.AggregateId;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Retries that race: requests with one key arriving while the first is in flight, on two instances of
 * the service sharing one set of tables, as the tasks on AWS do.
 */
class IdempotencyRaceIT {

    private static final String KEY_IN_USE = "https://tributary.dev/problems/idempotency-key-in-use";

    private static CommandServiceFixture one;
    private static CommandServiceFixture two;

    @BeforeAll
    static void start() {
        one = new CommandServiceFixture();
        two = new CommandServiceFixture(one.tables, Map.of());
    }

    @AfterAll
    static void stop() {
        two.close();
        one.close();
    }

    /** A command to race, set up on {@code one}, and how many events it appends when it takes effect. */
    enum Kind {
        REGISTER_CUSTOMER(1, fixture -> new Request("/customers", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}")),
        RESTOCK(1, fixture -> new Request("/products/" + fixture.product(0) + "/restock", "{\"quantity\":5}")),
        PLACE_ORDER(2, fixture -> new Request("/orders", placement(fixture))),
        PAY(1, fixture -> new Request("/orders/" + CommandServiceFixture.created(fixture.post("/orders", placement(fixture)))
                + "/pay", null)),
        CANCEL(2, fixture -> new Request("/orders/" + CommandServiceFixture.created(fixture.post("/orders", placement(fixture)))
                + "/cancel", "{\"reason\":\"changed my mind\"}"));

        final int events;
        final Function<CommandServiceFixture, Request> setUp;

        Kind(int events, Function<CommandServiceFixture, Request> setUp) {
            this.events = events;
            this.setUp = setUp;
        }
    }

    record Request(String path, String body) {
    }

    static String placement(CommandServiceFixture fixture) {
        return "{\"customerId\":\"" + fixture.customer() + "\",\"lines\":[{\"productId\":\"" + fixture.product(10)
                + "\",\"quantity\":2}]}";
    }

    private static Map<String, String> key(String key) {
        return Map.of("Idempotency-Key", key);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void racing_retries_with_one_key_all_get_the_original_answer(Kind kind) {
        var request = kind.setUp.apply(one);
        String key = UUID.randomUUID().toString();
        int before = one.eventCount();

        List<HttpResponse<String>> answers = CommandServiceFixture.race(8,
                client -> (client % 2 == 0 ? one : two).post(request.path(), request.body(), key(key)));

        assertOneEffectAndOneAnswer(answers, kind.events, one.eventCount() - before);
    }

    /** One answer is the original; every other is a replay of it, byte for byte; the events are one command's. */
    static void assertOneEffectAndOneAnswer(List<HttpResponse<String>> answers, int eventsOfOneEffect, int eventsAdded) {
        var originals = answers.stream().filter(a -> a.headers().firstValue("Idempotent-Replayed").isEmpty()).toList();
        assertThat(originals).hasSize(1);
        var original = originals.getFirst();
        assertThat(original.statusCode()).isBetween(200, 201);
        for (var answer : answers) {
            assertThat(answer.statusCode()).isEqualTo(original.statusCode());
            assertThat(answer.body()).isEqualTo(original.body());
            assertThat(answer.headers().firstValue("Consistency-Token")).isEqualTo(original.headers().firstValue("Consistency-Token"));
            assertThat(answer.headers().firstValue("Location")).isEqualTo(original.headers().firstValue("Location"));
        }
        assertThat(eventsAdded).isEqualTo(eventsOfOneEffect);
    }

    @Test
    void a_retry_whose_first_request_is_held_past_the_wait_gets_409_key_in_use_with_retry_after() throws Exception {
        try (var held = new CommandServiceFixture(one.tables, Map.of("tributary.test.hold-appends", "true"));
             var impatient = new CommandServiceFixture(one.tables, Map.of("tributary.command.idempotency-wait", "300ms"));
             var background = Executors.newVirtualThreadPerTaskExecutor()) {
            String pay = "/orders/" + CommandServiceFixture.created(one.post("/orders", placement(one))) + "/pay";
            String key = UUID.randomUUID().toString();
            var appends = held.bean(HeldAppends.class);
            Future<HttpResponse<String>> first = background.submit(() -> held.post(pay, null, key(key)));
            appends.awaitHeld();

            var retry = impatient.post(pay, null, key(key));

            assertThat(retry.statusCode()).isEqualTo(409);
            assertThat(retry.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(retry.body()).contains("\"type\":\"" + KEY_IN_USE + "\"").doesNotContain("already paid");
            assertThat(retry.headers().firstValue("Retry-After")).hasValueSatisfying(
                    s -> assertThat(Long.parseLong(s)).isBetween(1L, 10L));

            appends.release();
            var original = first.get();
            var later = impatient.post(pay, null, key(key));
            assertThat(original.statusCode()).isEqualTo(200);
            assertThat(later.statusCode()).isEqualTo(200);
            assertThat(later.body()).isEqualTo(original.body());
            assertThat(later.headers().firstValue("Idempotent-Replayed")).contains("true");
        }
    }

    @Test
    void the_same_key_with_a_different_body_while_the_first_is_in_flight_gets_422_and_writes_nothing() throws Exception {
        try (var held = new CommandServiceFixture(one.tables, Map.of("tributary.test.hold-appends", "true"));
             var background = Executors.newVirtualThreadPerTaskExecutor()) {
            String key = UUID.randomUUID().toString();
            var appends = held.bean(HeldAppends.class);
            Future<HttpResponse<String>> first = background.submit(() -> held.post("/customers",
                    "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}", key(key)));
            appends.awaitHeld();
            int before = one.eventCount();

            var other = one.post("/customers", "{\"name\":\"Eve\",\"email\":\"eve@example.com\"}", key(key));

            assertThat(other.statusCode()).isEqualTo(422);
            assertThat(other.body()).contains("already used with a different request");
            assertThat(one.eventCount()).isEqualTo(before);
            appends.release();
            assertThat(first.get().statusCode()).isEqualTo(201);
            assertThat(one.eventCount()).isEqualTo(before + 1);
        }
    }

    @Test
    void a_request_that_outlives_its_lease_is_fenced_off_and_gets_the_answer_of_the_one_that_took_its_key() throws Exception {
        try (var stalled = new CommandServiceFixture(one.tables,
                     Map.of("tributary.test.hold-appends", "true", "tributary.command.idempotency-lease", "1s"));
             var background = Executors.newVirtualThreadPerTaskExecutor()) {
            var order = CommandServiceFixture.created(one.post("/orders", placement(one)));
            String pay = "/orders/" + order + "/pay";
            String key = UUID.randomUUID().toString();
            var appends = stalled.bean(HeldAppends.class);
            Future<HttpResponse<String>> first = background.submit(() -> stalled.post(pay, null, key(key)));
            appends.awaitHeld();

            var successor = one.post(pay, null, key(key));
            appends.release();
            var late = first.get();

            assertThat(successor.statusCode()).isEqualTo(200);
            assertThat(successor.headers().firstValue("Idempotent-Replayed")).isEmpty();
            assertThat(late.statusCode()).isEqualTo(200);
            assertThat(late.body()).isEqualTo(successor.body());
            assertThat(late.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(one.events(Shop.order(order).pk())).hasSize(2);
        }
    }
}
