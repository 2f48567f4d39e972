package dev.tributary.command;

import dev.tributary.domains.shop.events.Shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.events.AggregateId;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerRegistered;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import dev.tributary.domains.ledger.events.AccountEvent.TransferSent;
import dev.tributary.domains.ledger.events.Ledger;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Inputs nobody listed. Whatever body, content type and text a client sends to any command, the
 * answer is a 2xx, or a 4xx {@code application/problem+json} with nothing written; never a 5xx.
 * What is accepted is stored as it was sent.
 */
class CommandInputPropertiesIT {

    private static CommandServiceFixture service;
    private static List<String> paths;
    private static UUID transferTo;

    @BeforeContainer
    static void start() {
        service = new CommandServiceFixture();
        UUID customer = service.customer();
        UUID product = service.product(1_000_000);
        UUID order = CommandServiceFixture.created(service.post("/orders",
                "{\"customerId\":\"" + customer + "\",\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}"));
        UUID account = CommandServiceFixture.created(service.post("/accounts", "{\"owner\":\"Ada\",\"currency\":\"EUR\"}"));
        UUID other = CommandServiceFixture.created(service.post("/accounts", "{\"owner\":\"Bob\",\"currency\":\"EUR\"}"));
        CommandServiceFixture.ok(service.post("/accounts/" + account + "/deposit", "{\"minor\":1000000}"));
        transferTo = other;
        paths = List.of("/customers", "/customers/" + customer + "/rename", "/customers/" + customer + "/change-email",
                "/products", "/products/" + product + "/change-price", "/products/" + product + "/restock",
                "/products/" + product + "/change-category",
                "/orders", "/orders/" + order + "/cancel", "/orders/" + order + "/pay", "/customers/" + UUID.randomUUID() + "/rename",
                "/accounts", "/accounts/" + account + "/deposit", "/accounts/" + account + "/withdraw",
                "/accounts/" + account + "/transfer", "/accounts/" + UUID.randomUUID() + "/transfer",
                "/products/" + product + "/discontinue", "/customers/" + customer + "/deactivate",
                "/orders/" + order + "/ship", "/orders/" + order + "/deliver");
    }

    @AfterContainer
    static void stop() {
        service.close();
    }

    /** A domain's new command route gets generated bodies only once it is in {@code paths}: this says when it is not. */
    @net.jqwik.api.Example
    void every_command_route_of_every_domain_gets_generated_bodies() {
        var routes = service.bean(io.micronaut.web.router.Router.class).uriRoutes()
                .filter(r -> r.getHttpMethod() == io.micronaut.http.HttpMethod.POST)
                .filter(r -> r.getTargetMethod().getDeclaringType().getPackageName().startsWith("dev.tributary.domains."))
                .toList();
        assertThat(routes).as("the shop's and the ledger's command routes").hasSizeGreaterThanOrEqualTo(13);
        var uncovered = routes.stream().map(io.micronaut.web.router.UriRouteInfo::getUriMatchTemplate)
                .filter(template -> paths.stream().noneMatch(path -> template.match(path).isPresent()))
                .map(io.micronaut.http.uri.UriMatchTemplate::toPathString).toList();
        assertThat(uncovered).as("command routes that get no generated bodies: add a path for each to paths").isEmpty();
    }

    @Property(tries = 300)
    void any_body_to_any_command_gets_2xx_or_a_4xx_problem_and_a_refusal_writes_nothing(
            @ForAll("paths") String path, @ForAll("bodies") String body, @ForAll("contentTypes") String contentType) {
        int before = service.eventCount();
        var request = HttpRequest.newBuilder(service.uri(path))
                .header("Authorization", "Bearer " + service.writerToken)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = service.send(request.build());

        assertThat(response.statusCode()).as("%s %s -> %s", path, body, response.body()).isLessThan(500);
        if (response.statusCode() >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(service.eventCount()).as("events after a refused %s", path).isEqualTo(before);
        }
    }

    @Property(tries = 300)
    void a_registered_name_is_stored_as_sent_or_refused_whole(@ForAll("names") String name) {
        int before = service.eventCount();
        var response = service.post("/customers", "{\"name\":" + json(name) + ",\"email\":\"p@example.com\"}");

        assertThat(response.statusCode()).as(response.body()).isIn(201, 400);
        if (response.statusCode() == 400) {
            assertThat(service.eventCount()).isEqualTo(before);
            return;
        }
        UUID id = UUID.fromString(CommandServiceFixture.field(response.body(), "id"));
        var registered = (CustomerRegistered) service.events(Shop.customer(id).pk()).getFirst().data();
        assertThat(registered.name()).isEqualTo(name.strip());
    }

    /** Any amount sent to a transfer: it moves exactly that many minor units from one account to the other, or nothing. */
    @Property(tries = 200)
    void a_transfer_moves_exactly_its_amount_or_nothing(@ForAll("amounts") String amount) {
        UUID from = CommandServiceFixture.created(service.post("/accounts", "{\"owner\":\"From\",\"currency\":\"EUR\"}"));
        CommandServiceFixture.ok(service.post("/accounts/" + from + "/deposit", "{\"minor\":5000}"));
        int before = service.eventCount();

        var response = service.post("/accounts/" + from + "/transfer", "{\"to\":\"" + transferTo + "\",\"minor\":" + amount + "}");

        assertThat(response.statusCode()).as("%s -> %s", amount, response.body()).isIn(200, 400, 409);
        if (response.statusCode() != 200) {
            assertThat(service.eventCount()).as("events after a refused transfer of %s", amount).isEqualTo(before);
            return;
        }
        var sent = (TransferSent) service.events(Ledger.account(from).pk()).getLast().data();
        assertThat(new BigDecimal(amount)).isEqualByComparingTo(BigDecimal.valueOf(sent.amount().minor()));
        assertThat(sent.amount().minor()).isBetween(1L, 5000L);
        assertThat(service.eventCount()).as("a sent and a received event").isEqualTo(before + 2);
    }

    @Provide
    Arbitrary<String> amounts() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-10, 6000).map(String::valueOf),
                Arbitraries.of("0", "5000", "5001", "1.5", "1e3", "100.0", "-0", "9223372036854775808", "1000000000001", "00010"));
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of(paths);
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(
                Tuple(8, Arbitraries.just("application/json")),
                Tuple(1, Arbitraries.just("")),
                Tuple(1, Arbitraries.of("text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-8",
                        "application/merge-patch+json")));
    }

    private static net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends String>> Tuple(int weight, Arbitrary<String> arbitrary) {
        return net.jqwik.api.Tuple.of(weight, arbitrary);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(20),
                Arbitraries.strings().withChars("\ud800\udc00\udfff\u0000\u001f\u007f\u0085\u2028\ufeff\ufffe a").ofMaxLength(8));
    }

    /** Bodies shaped like the commands', with any field replaced or added, and bodies of any JSON at all. */
    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> value = values(2);
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of("name", "email", "sku", "price", "minor", "currency", "quantity",
                "customerId", "lines", "productId", "reason", "owner", "to", "category"), Arbitraries.strings().all().ofMaxLength(6));
        Arbitrary<String> objects = Combinators.combine(key.list().ofMaxSize(5), value.list().ofSize(5))
                .as((keys, values) -> {
                    var out = new StringBuilder("{");
                    for (int i = 0; i < keys.size(); i++) {
                        out.append(i == 0 ? "" : ",").append(json(keys.get(i))).append(':').append(values.get(i));
                    }
                    return out.append('}').toString();
                });
        Arbitrary<String> shaped = Arbitraries.of(
                "{\"name\":%s,\"email\":\"a@example.com\"}", "{\"name\":\"Ada\",\"email\":%s}",
                "{\"sku\":%s,\"name\":\"W\",\"price\":{\"minor\":100,\"currency\":\"EUR\"}}",
                "{\"sku\":\"S-1\",\"name\":\"W\",\"price\":{\"minor\":%s,\"currency\":\"EUR\"}}",
                "{\"price\":{\"minor\":100,\"currency\":%s}}", "{\"quantity\":%s}", "{\"reason\":%s}",
                "{\"customerId\":%s,\"lines\":[]}", "{\"name\":\"Ada\",\"email\":\"a@example.com\"}%s",
                "{\"owner\":%s,\"currency\":\"EUR\"}", "{\"owner\":\"Ada\",\"currency\":%s}", "{\"minor\":%s}",
                "{\"to\":%s,\"minor\":100}", "{\"to\":\"" + transferTo + "\",\"minor\":%s}", "{\"category\":%s}")
                .flatMap(template -> value.map(v -> template.formatted(v)));
        Arbitrary<String> garbage = Arbitraries.strings().all().ofMaxLength(30);
        return Arbitraries.frequencyOf(Tuple(5, shaped), Tuple(3, objects), Tuple(1, garbage));
    }

    private static Arbitrary<String> values(int depth) {
        Arbitrary<String> scalars = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12).map(CommandInputPropertiesIT::json),
                Arbitraries.of("true", "false", "null", "0", "-1", "1.5", "1e3", "100", "1000001", "99999999999999999999",
                        "\"EUR\"", "\"ZZZ\"", "\"100\"", "\"" + UUID.randomUUID() + "\"", "\"\"", "\" \""),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf).filter(s -> !s.contains("N") && !s.contains("I")));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<String> inner = values(depth - 1);
        return Arbitraries.oneOf(scalars, scalars,
                inner.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
                inner.list().ofMaxSize(2).map(l -> {
                    var out = new StringBuilder("{");
                    for (int i = 0; i < l.size(); i++) {
                        out.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(l.get(i));
                    }
                    return out.append('}').toString();
                }));
    }

    /** A JSON string literal for any Java string, lone surrogates and control characters escaped. */
    static String json(String text) {
        var out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
