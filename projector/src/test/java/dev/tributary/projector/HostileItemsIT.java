package dev.tributary.projector;

import dev.tributary.domains.ledger.events.AccountEvent.AccountOpened;
import dev.tributary.domains.ledger.events.AccountEvent.MoneyWithdrawn;
import dev.tributary.domains.ledger.events.AccountEvent.TransferSent;
import dev.tributary.domains.ledger.events.Ledger;
import dev.tributary.domains.shop.events.Shop;
import dev.tributary.events.Money;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.embedded.SharedLocalInfra;
import dev.tributary.events.AggregateId;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerRegistered;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerRenamed;
import dev.tributary.eventstore.EventItems;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items another writer might leave in the events table, written past the command service: whatever
 * a stream record holds, the projector applies it or parks it, keeps its exact bytes, and keeps
 * every other aggregate flowing; an operator's skip or retry then unblocks the aggregate.
 */
class HostileItemsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ProjectorFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ProjectorFixture(SharedLocalInfra.postgres().createDatabase("hostile_items"));
        fixture.startProjector(Map.of("tributary.projector.max-attempts", "2"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void hostile_items_are_parked_or_applied_and_stop_no_other_aggregate() throws Exception {
        var random = new Random(20);
        var hostile = new LinkedHashMap<String, Map<String, AttributeValue>>();
        hostile.put("NUL in a name", registration(named("nul\u0000byte")));
        hostile.put("lone surrogate", registration(named("bad \ud800 surrogate")));
        hostile.put("control character in the type", registration(item -> item.put(EventItems.TYPE, AttributeValue.fromS("Customer\u0000Registered"))));
        hostile.put("300 KB of random text in an indexed column", registration(data("email",
                AttributeValue.fromS(randomText(random, 300_000) + "@example.com"))));
        hostile.put("a number where text belongs", registration(data("name", AttributeValue.fromN("42"))));
        hostile.put("unknown event type", registration(item -> item.put(EventItems.TYPE, AttributeValue.fromS("CustomerTeleported"))));
        hostile.put("missing field", registration(data("email", null)));
        hostile.put("malformed time", registration(item -> item.put(EventItems.OCCURRED_AT, AttributeValue.fromS("yesterday"))));
        hostile.put("aggregate id that is no UUID", registration(item -> item.put(EventItems.PK, AttributeValue.fromS("Customer#not-a-uuid"))));
        hostile.put("binary where a map belongs", registration(item -> item.put(EventItems.DATA,
                AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromUtf8String("\u0000")))));
        var gapped = UUID.randomUUID();
        fixture.append(ProjectorFixture.registered(gapped, "Gap"));
        hostile.put("a version gap nothing fills", EventItems.toItem(ProjectorFixture.event(Shop.customer(gapped), 3,
                new CustomerRenamed(gapped, "Three"))));
        var overdrawn = UUID.randomUUID();
        fixture.append(ProjectorFixture.event(Ledger.account(overdrawn), 1, new AccountOpened(overdrawn, "Other writer", "EUR")));
        hostile.put("a withdrawal another writer let overdraw an account", EventItems.toItem(ProjectorFixture.event(
                Ledger.account(overdrawn), 2, new MoneyWithdrawn(overdrawn, new Money(100, "EUR")))));
        var negative = UUID.randomUUID();
        fixture.append(ProjectorFixture.event(Ledger.account(negative), 1, new AccountOpened(negative, "Other writer", "EUR")));
        hostile.put("a transfer of a negative amount", EventItems.toItem(ProjectorFixture.event(Ledger.account(negative), 2,
                new TransferSent(negative, UUID.randomUUID(), UUID.randomUUID(), new Money(-5, "EUR")))));
        hostile.values().forEach(this::put);
        var after = UUID.randomUUID();
        var written = Instant.now();
        fixture.append(ProjectorFixture.registered(after, "After"));

        await(() -> count("SELECT count(*) FROM customers WHERE customer_id = '" + after + "'") == 1);
        System.out.printf("HostileItemsIT: an aggregate written after %d hostile items was applied %d ms later%n",
                hostile.size(), Duration.between(written, Instant.now()).toMillis());
        for (var entry : hostile.entrySet()) {
            var item = entry.getValue();
            String pk = item.get(EventItems.PK).s();
            long version = Long.parseLong(item.get(EventItems.SK).n());
            await(() -> parked(pk, version) || applied(pk, version) || awaitingUpgrade(pk, version));
            if (parked(pk, version) || awaitingUpgrade(pk, version)) {
                assertThat(rawOf(pk, version)).as(entry.getKey() + ": the parked bytes").isEqualTo(JSON.readTree(EventItems.toRawJson(item)));
            }
        }
        assertThat(parked(hostile.get("NUL in a name").get(EventItems.PK).s(), 1)).as("NUL").isTrue();
        assertThat(parked(hostile.get("lone surrogate").get(EventItems.PK).s(), 1)).as("lone surrogate").isTrue();
        assertThat(parked(Ledger.account(overdrawn).pk(), 2)).as("a balance below zero is refused by the read model").isTrue();
        assertThat(count("SELECT count(*) FROM ledger_accounts WHERE account_id = '" + overdrawn + "' AND balance_minor = 0"))
                .as("the account stays as its valid history left it").isEqualTo(1);
        assertThat(parked(Ledger.account(negative).pk(), 2)).as("a negative transfer is refused by the read model").isTrue();
        assertThat(parked(hostile.get("a number where text belongs").get(EventItems.PK).s(), 1)).as("42 is not a name").isTrue();
        assertThat(awaitingUpgrade(hostile.get("unknown event type").get(EventItems.PK).s(), 1))
                .as("a well-formed type no version here knows waits for one that does; it is no poison").isTrue();
        assertThat(rawOf(hostile.get("NUL in a name").get(EventItems.PK).s(), 1).at("/data/name").textValue()).isEqualTo("nul\u0000byte");
        var status = JSON.readTree(get("/status"));
        assertThat(status.get("stalled").asBoolean()).as(status.toString()).isFalse();
    }

    @Test
    void an_event_of_a_newer_version_that_gap_repair_meets_holds_its_aggregate_awaiting_an_upgrade() throws Exception {
        var customer = UUID.randomUUID();
        String pk = Shop.customer(customer).pk();
        fixture.append(ProjectorFixture.registered(customer, "Gappy"));
        await(() -> applied(pk, 1));

        // Version 3 reaches the stream before version 2, which a newer release wrote with a type this one does not
        // know: gap repair fetches version 2 from the events table for version 3, and cannot read it.
        put(EventItems.toItem(ProjectorFixture.event(Shop.customer(customer), 3, new CustomerRenamed(customer, "Third"))));
        var newer = new HashMap<>(EventItems.toItem(ProjectorFixture.event(Shop.customer(customer), 2, new CustomerRenamed(customer, "Second"))));
        newer.put(EventItems.TYPE, AttributeValue.fromS("CustomerNicknamed"));
        put(newer);

        await(() -> awaitingUpgrade(pk, 2) && awaitingUpgrade(pk, 3));
        assertThat(parked(pk, 3)).as("no operator is needed: the next release resumes it").isFalse();
        var waiting = HTTP.send(HttpRequest.newBuilder(fixture.uri("/admin/dead-letters?state=awaiting-upgrade&limit=1000"))
                .header("Authorization", "Bearer " + fixture.token("admin")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(200);
        assertThat(waiting.body()).as("the admin API lists what waits for an upgrade").contains(pk);
        assertThat(count("SELECT count(*) FROM customers WHERE customer_id = '" + customer + "' AND name = 'Gappy'")).isEqualTo(1);
    }

    @Test
    void a_skip_or_a_retry_after_repair_unblocks_a_parked_aggregate() throws Exception {
        var skipped = UUID.randomUUID();
        var skippedItem = EventItems.toItem(ProjectorFixture.registered(skipped, "Skip \u0000 me"));
        put(skippedItem);
        fixture.append(ProjectorFixture.event(Shop.customer(skipped), 2, new CustomerRenamed(skipped, "Skipped")));
        var repaired = UUID.randomUUID();
        var broken = new HashMap<>(EventItems.toItem(ProjectorFixture.registered(repaired, "Broken")));
        var brokenData = new HashMap<>(broken.get(EventItems.DATA).m());
        brokenData.remove("email");
        broken.put(EventItems.DATA, AttributeValue.fromM(brokenData));
        put(broken);
        String skippedPk = Shop.customer(skipped).pk();
        String repairedPk = Shop.customer(repaired).pk();
        await(() -> parked(skippedPk, 1) && parked(repairedPk, 1)
                && count("SELECT count(*) FROM dead_letter WHERE aggregate = '" + skippedPk + "' AND state = 'waiting'") == 1);

        assertThat(post("/admin/dead-letters/" + letterId(skippedPk) + "/skip").statusCode()).isEqualTo(200);
        assertThat(count("SELECT version FROM projection_position WHERE aggregate = '" + skippedPk + "'")).isEqualTo(2);

        fixture.append(ProjectorFixture.registered(repaired, "Repaired"), false);
        assertThat(post("/admin/dead-letters/" + letterId(repairedPk) + "/retry").statusCode()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM customers WHERE customer_id = '" + repaired + "' AND name = 'Repaired'")).isEqualTo(1);
    }

    private static Map<String, AttributeValue> registration(Consumer<Map<String, AttributeValue>> change) {
        var id = UUID.randomUUID();
        var item = new HashMap<>(EventItems.toItem(ProjectorFixture.event(Shop.customer(id), 1,
                new CustomerRegistered(id, "Hostile", "hostile@example.com"))));
        change.accept(item);
        return item;
    }

    private static Consumer<Map<String, AttributeValue>> named(String name) {
        return data("name", AttributeValue.fromS(name));
    }

    /** Sets one field of the event's data, or removes it when {@code value} is null. */
    private static Consumer<Map<String, AttributeValue>> data(String field, AttributeValue value) {
        return item -> {
            var data = new HashMap<>(item.get(EventItems.DATA).m());
            if (value == null) {
                data.remove(field);
            } else {
                data.put(field, value);
            }
            item.put(EventItems.DATA, AttributeValue.fromM(data));
        };
    }

    private static String randomText(Random random, int length) {
        var out = new StringBuilder(length);
        while (out.length() < length) {
            out.appendCodePoint(0x21 + random.nextInt(0x5d));
        }
        return out.toString();
    }

    private void put(Map<String, AttributeValue> item) {
        fixture.dynamo.putItem(p -> p.tableName(fixture.tables.events()).item(item));
    }

    private static boolean parked(String pk, long version) throws Exception {
        return held(pk, version, "parked");
    }

    /** Held until a projector that reads it: a well-formed record of a type no version here knows. */
    private static boolean awaitingUpgrade(String pk, long version) throws Exception {
        return held(pk, version, "awaiting-upgrade");
    }

    private static boolean held(String pk, long version, String state) throws Exception {
        return count("SELECT count(*) FROM dead_letter WHERE aggregate = " + literal(pk) + " AND version = " + version
                + " AND state = '" + state + "'") == 1;
    }

    private static boolean applied(String pk, long version) throws Exception {
        return count("SELECT coalesce(max(version), 0) FROM projection_position WHERE aggregate = " + literal(pk)) >= version;
    }

    private static JsonNode rawOf(String pk, long version) throws Exception {
        try (var c = fixture.database()) {
            ResultSet row = c.createStatement().executeQuery("SELECT raw FROM dead_letter WHERE aggregate = " + literal(pk)
                    + " AND version = " + version);
            assertThat(row.next()).isTrue();
            return JSON.readTree(row.getBytes(1));
        }
    }

    private static long letterId(String pk) throws Exception {
        return count("SELECT id FROM dead_letter WHERE aggregate = " + literal(pk) + " AND state = 'parked'");
    }

    /** The aggregate as parked: its text with what Postgres refuses replaced, quoted for SQL. */
    private static String literal(String pk) {
        return "'" + dev.tributary.events.StorableText.sanitized(pk).replace("'", "''") + "'";
    }

    private static String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(fixture.uri(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(fixture.uri(path)).header("Authorization", "Bearer " + fixture.token("admin"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(String sql) throws Exception {
        return fixture.count(sql);
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        ProjectorFixture.await(condition);
    }
}
