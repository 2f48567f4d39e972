package dev.tributary.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.domains.shop.events.ProductEvent.ProductRestocked;
import dev.tributary.command.eventstore.HeldAppends;
import dev.tributary.events.StoredEvent;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConcurrencyIT {

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
    void twenty_concurrent_restocks_of_one_product_are_all_kept_as_versions_without_gaps() throws Exception {
        UUID product = service.product(0);
        List<HttpResponse<String>> results = CommandServiceFixture.race(20, client ->
                service.post("/products/" + product + "/restock", "{\"quantity\":" + (client + 1) + "}"));
        for (var result : results) {
            assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
        }

        List<StoredEvent> history = service.events("Product#" + product);
        assertThat(history).extracting(StoredEvent::version).containsExactlyElementsOf(LongStream.rangeClosed(1, 21).boxed().toList());
        assertThat(history.stream().skip(1).mapToLong(e -> ((ProductRestocked) e.data()).quantity()).sum())
                .as("1 + 2 + ... + 20: none lost").isEqualTo(210);
    }

    /**
     * Deterministic: a restock decided from version 1 is held until another restock has made version 2, then let
     * go, so its append surely conflicts. With time to retry it is decided again and kept; with
     * {@code conflict-retry-for=0} it is a 409 that writes nothing.
     */
    @ParameterizedTest
    @CsvSource({"60s, 200", "0s, 409"})
    void a_restock_that_loses_a_race_is_decided_again_within_conflict_retry_for_and_otherwise_is_a_409(
            String retryFor, int expected) throws Exception {
        UUID product = service.product(0);
        String restock = "/products/" + product + "/restock";
        try (var held = new CommandServiceFixture(service.tables, Map.of("tributary.test.hold-appends", "true",
                "tributary.command.conflict-retry-for", retryFor));
             var background = Executors.newVirtualThreadPerTaskExecutor()) {
            var appends = held.bean(HeldAppends.class);
            Future<HttpResponse<String>> loser = background.submit(() -> held.post(restock, "{\"quantity\":5}"));
            appends.awaitHeld();
            CommandServiceFixture.ok(service.post(restock, "{\"quantity\":7}"));

            appends.release();
            var answer = loser.get(60, TimeUnit.SECONDS);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(expected);
            var history = service.events("Product#" + product);
            if (expected == 200) {
                assertThat(history).extracting(StoredEvent::version).containsExactly(1L, 2L, 3L);
                assertThat(((ProductRestocked) history.get(2).data()).quantity()).isEqualTo(5);
            } else {
                assertThat(answer.body()).contains("has moved past version 1");
                assertThat(history).as("the refused restock wrote nothing").extracting(StoredEvent::version).containsExactly(1L, 2L);
            }
        }
    }

    @Test
    void concurrent_renames_of_one_customer_never_overwrite_each_other_the_losers_get_409() throws Exception {
        UUID customer = service.customer();
        List<HttpResponse<String>> results = CommandServiceFixture.race(20, client ->
                service.post("/customers/" + customer + "/rename", "{\"name\":\"Name " + client + "\"}"));
        int accepted = 0;
        for (var result : results) {
            int status = result.statusCode();
            assertThat(status).as(result.body()).isIn(200, 409);
            accepted += status == 200 ? 1 : 0;
        }
        List<StoredEvent> history = service.events("Customer#" + customer);
        assertThat(history).hasSize(1 + accepted);
        assertThat(history).extracting(StoredEvent::version)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, history.size()).boxed().toList());
    }

    @Test
    void if_match_with_the_current_version_succeeds_and_a_stale_one_gets_412() {
        UUID customer = service.customer();
        CommandServiceFixture.ok(service.post("/customers/" + customer + "/rename", "{\"name\":\"Second\"}", Map.of("If-Match", "1")));

        var stale = service.post("/customers/" + customer + "/rename", "{\"name\":\"Third\"}", Map.of("If-Match", "\"1\""));

        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.body()).contains("at version 2");
        assertThat(service.events("Customer#" + customer)).hasSize(2);
    }
}
