package dev.tributary.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.domains.shop.events.ProductEvent.ProductRestocked;
import dev.tributary.events.StoredEvent;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
