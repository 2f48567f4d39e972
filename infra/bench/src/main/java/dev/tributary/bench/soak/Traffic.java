package dev.tributary.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Clients of the command service, as a careful app would be: every command carries an
 * {@code Idempotency-Key} and is retried with the same key after a timeout or a 5xx until it gets a
 * definite answer, which goes into the {@link Answers}. The mix: registrations, new products,
 * restocks, orders of one to three products on scarce stock, payments, shipments, deliveries and
 * cancellations; and, one step in ten, the ledger: accounts opened in EUR, deposits, withdrawals
 * that may exceed the balance, transfers, and transfers from one account racing one another. One
 * command in ten is also sent again with its key, and must get the same answer.
 */
final class Traffic {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GIVE_UP = Duration.ofMinutes(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Function<String, URI> command;
    private final String token;
    private final Answers answers;

    Traffic(Function<String, URI> command, String token, Answers answers) {
        this.command = command;
        this.token = token;
        this.answers = answers;
    }

    /** Customers, products with scarce stock and funded accounts, before the faults begin. */
    void seed(Random random, int customers, int products, int accounts) throws InterruptedException {
        for (int i = 0; i < customers; i++) {
            register(random);
        }
        for (int i = 0; i < products; i++) {
            addProduct(random);
        }
        for (UUID product : answers.productIds()) {
            restock(product, 20 + random.nextInt(40), random);
        }
        for (int i = 0; i < accounts; i++) {
            openAccount(random);
        }
        for (UUID account : answers.accountIds()) {
            deposit(account, 10_000 + random.nextInt(40_000), random);
        }
    }

    /** One client's loop, until {@code done}. */
    void run(Random random, java.util.function.BooleanSupplier done) throws InterruptedException {
        while (!done.getAsBoolean()) {
            if (random.nextInt(10) == 0) {
                ledgerStep(random);
                continue;
            }
            int dice = random.nextInt(100);
            if (dice < 35) {
                placeOrder(random);
            } else if (dice < 50) {
                transition(random, "pay", "paid");
            } else if (dice < 58) {
                transition(random, "ship", "shipped");
            } else if (dice < 63) {
                transition(random, "deliver", "delivered");
            } else if (dice < 75) {
                transition(random, "cancel", "cancelled");
            } else if (dice < 88) {
                restock(pick(random, answers.productIds()), 1 + random.nextInt(8), random);
            } else if (dice < 97) {
                register(random);
            } else {
                addProduct(random);
            }
        }
    }

    private void register(Random random) throws InterruptedException {
        var answer = send("/customers", "{\"name\":\"Soak Customer\",\"email\":\"soak%d@example.com\"}".formatted(random.nextInt(1_000_000)), random);
        if (answer.accepted()) {
            answers.customers.put(answer.id(), answer.version());
        }
    }

    private void addProduct(Random random) throws InterruptedException {
        long price = 100 + random.nextInt(5_000);
        var answer = send("/products", "{\"sku\":\"SOAK-%d\",\"name\":\"Soak product\",\"price\":{\"minor\":%d,\"currency\":\"EUR\"}}"
                .formatted(random.nextInt(1_000_000), price), random);
        if (answer.accepted()) {
            answers.productPrices.put(answer.id(), price);
        }
    }

    private void restock(UUID product, int quantity, Random random) throws InterruptedException {
        if (product == null) {
            return;
        }
        var answer = send("/products/" + product + "/restock", "{\"quantity\":" + quantity + "}", random);
        if (answer.accepted()) {
            answers.restocked.merge(product, (long) quantity, Long::sum);
        }
    }

    private void placeOrder(Random random) throws InterruptedException {
        var customer = pick(random, answers.customerIds());
        var products = answers.productIds();
        if (customer == null || products.isEmpty()) {
            return;
        }
        var chosen = new LinkedHashSet<UUID>();
        int count = 1 + random.nextInt(3);
        while (chosen.size() < Math.min(count, products.size())) {
            chosen.add(products.get(random.nextInt(products.size())));
        }
        var lines = new ArrayList<Answers.Line>();
        var body = new StringBuilder("{\"customerId\":\"" + customer + "\",\"lines\":[");
        for (UUID product : chosen) {
            long quantity = 1 + random.nextInt(3);
            lines.add(new Answers.Line(product, quantity, answers.productPrices.get(product)));
            body.append(lines.size() > 1 ? "," : "").append("{\"productId\":\"").append(product).append("\",\"quantity\":").append(quantity).append('}');
        }
        var answer = send("/orders", body.append("]}").toString(), random);
        if (answer.accepted()) {
            answers.orders.put(answer.id(), new Answers.Order(answer.id(), customer, List.copyOf(lines), new ConcurrentHashMap<>()));
        }
    }

    private void transition(Random random, String action, String status) throws InterruptedException {
        var order = pick(random, answers.orderIds());
        if (order == null) {
            return;
        }
        var answer = send("/orders/" + order + "/" + action, null, random);
        if (answer.accepted()) {
            answers.transition(order, answer.version(), status);
        }
    }

    /**
     * One ledger command, or a race: two to four transfers from one account at once, each for more
     * than half of what the clients believe it holds, so that at most one of them fits and the others,
     * their conditional writes refused, are decided again from the balance the winner left.
     */
    private void ledgerStep(Random random) throws InterruptedException {
        var accounts = answers.accountIds();
        int dice = random.nextInt(100);
        if (accounts.size() < 2 || dice < 10) {
            openAccount(random);
            return;
        }
        UUID account = pick(random, accounts);
        long balance = answers.balances.getOrDefault(account, 0L);
        if (dice < 35) {
            deposit(account, 1_000 + random.nextInt(20_000), random);
        } else if (dice < 55) {
            // One in four asks for more than the clients believe the account holds.
            withdraw(account, random.nextInt(4) == 0 ? balance + 1 + random.nextInt(1_000) : upTo(random, balance), random);
        } else if (dice < 85) {
            transfer(account, other(random, account, accounts), upTo(random, balance), random);
        } else {
            race(random, account, accounts, balance / 2 + 1);
        }
    }

    private void race(Random random, UUID from, List<UUID> accounts, long minor) throws InterruptedException {
        var calls = new ArrayList<java.util.concurrent.Callable<Void>>();
        for (int i = 2 + random.nextInt(3); i > 0; i--) {
            UUID to = other(random, from, accounts);
            var own = new Random(random.nextLong());
            calls.add(() -> {
                transfer(from, to, minor, own);
                return null;
            });
        }
        try (var racers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (var racer : racers.invokeAll(calls)) {
                try {
                    racer.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
                }
            }
        }
    }

    private void openAccount(Random random) throws InterruptedException {
        var answer = send("/accounts", "{\"owner\":\"Soak Owner %d\",\"currency\":\"EUR\"}".formatted(random.nextInt(1_000_000)), random);
        answers.ledger("open", answer.status(), answer.id(), answer.version(), new Answers.Movement.Opened("EUR"));
    }

    private void deposit(UUID account, long minor, Random random) throws InterruptedException {
        var answer = send("/accounts/" + account + "/deposit", "{\"minor\":" + minor + "}", random);
        answers.ledger("deposit", answer.status(), account, answer.version(), new Answers.Movement.Deposited(minor));
    }

    private void withdraw(UUID account, long minor, Random random) throws InterruptedException {
        var answer = send("/accounts/" + account + "/withdraw", "{\"minor\":" + minor + "}", random);
        answers.ledger("withdraw", answer.status(), account, answer.version(), new Answers.Movement.Withdrawn(minor));
    }

    private void transfer(UUID from, UUID to, long minor, Random random) throws InterruptedException {
        var answer = send("/accounts/" + from + "/transfer", "{\"to\":\"" + to + "\",\"minor\":" + minor + "}", random);
        answers.ledger("transfer", answer.status(), from, answer.version(), new Answers.Movement.Sent(to, minor));
    }

    /** From 1 to {@code balance}, at most 20,000. */
    private static long upTo(Random random, long balance) {
        return 1 + random.nextInt(Math.clamp(balance, 1, 20_000));
    }

    private static UUID other(Random random, UUID account, List<UUID> accounts) {
        UUID other;
        do {
            other = accounts.get(random.nextInt(accounts.size()));
        } while (other.equals(account));
        return other;
    }

    private Answer send(String path, String body, Random random) throws InterruptedException {
        String key = UUID.randomUUID().toString();
        var first = sendUntilDefinite(path, body, key);
        if (random.nextInt(10) != 0) {
            return first;
        }
        var again = sendUntilDefinite(path, body, key);
        answers.replays.incrementAndGet();
        if (first.accepted() && (again.status() != first.status() || !again.body().equals(first.body()))) {
            answers.violations.add("a retry with the same Idempotency-Key got " + again.status() + " " + again.body()
                    + " after " + first.status() + " " + first.body() + " (" + path + ")");
        }
        // A refusal stores nothing under the key, so a retry is a new attempt and may succeed.
        return first.accepted() ? first : again;
    }

    private Answer sendUntilDefinite(String path, String body, String key) throws InterruptedException {
        var request = HttpRequest.newBuilder(command.apply(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        var deadline = Instant.now().plus(GIVE_UP);
        long backoff = 50;
        while (true) {
            try {
                var response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() < 500) {
                    answers.answered(response.statusCode());
                    var answer = Answer.of(response.statusCode(), response.body());
                    if (answer.accepted()) {
                        answers.accepted(answer.aggregate(), answer.version());
                    }
                    return answer;
                }
            } catch (IOException timedOutOrRefused) {
                // The outcome is unknown: ask again with the same key.
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no definite answer to " + path + " in " + GIVE_UP);
            }
            Thread.sleep(backoff);
            backoff = Math.min(2_000, backoff * 2);
        }
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.isEmpty() ? null : from.get(random.nextInt(from.size()));
    }

    private record Answer(int status, String body, UUID id, String aggregate, long version) {

        static Answer of(int status, String body) {
            if (status / 100 != 2) {
                return new Answer(status, body, null, null, 0);
            }
            try {
                JsonNode json = JSON.readTree(body);
                return new Answer(status, body, UUID.fromString(json.get("id").asText()), json.get("aggregate").asText(),
                        json.get("version").asLong());
            } catch (IOException e) {
                throw new IllegalStateException("a 2xx without {id, aggregate, version}: " + body, e);
            }
        }

        boolean accepted() {
            return status / 100 == 2;
        }
    }
}
