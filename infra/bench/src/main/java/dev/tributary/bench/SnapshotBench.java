package dev.tributary.bench;

import dev.tributary.domains.shop.events.Shop;

import dev.tributary.bench.CommandBench.Load;
import dev.tributary.embedded.DevTokens;
import dev.tributary.embedded.LocalDynamo;
import dev.tributary.embedded.Ports;
import dev.tributary.events.AggregateId;
import dev.tributary.events.DomainEvent;
import dev.tributary.eventstore.EventItems;
import dev.tributary.eventstore.EventStoreTables;
import dev.tributary.events.Money;
import dev.tributary.domains.shop.events.ProductEvent.ProductAdded;
import dev.tributary.domains.shop.events.ProductEvent.ProductRestocked;
import dev.tributary.domains.shop.events.ProductEvent.StockReserved;
import dev.tributary.events.StoredEvent;
import dev.tributary.eventstore.TableNames;
import dev.tributary.local.EventHistories;
import dev.tributary.local.Readiness;
import dev.tributary.local.ServiceProcess;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Aggregate snapshots: restocks of a product that already has thousands of events, through a command
 * service with snapshots on (every 100 versions, the default) beside one with them off, both on the
 * same DynamoDB Local and tables, warmed up alike, then taking turns (in alternating order), so the
 * ratio holds on a noisy machine. A second row restocks products with few events, where a snapshot
 * cannot help and its read is pure cost. A restock that loses a version race to another client is retried by the client until it is
 * accepted, so a sample is the time to an accepted restock.
 */
final class SnapshotBench {

    private SnapshotBench() {
    }

    public static void main(String[] args) throws Exception {
        int history = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        Duration window = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 8);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path home = Bench.home();
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        Path data = Files.createTempDirectory("tributary-snapshots-");
        var tables = new TableNames("snap-events", "snap-idempotency");
        try (var dynamoLocal = LocalDynamo.startInMemory(); var dynamo = dynamoLocal.client()) {
            EventStoreTables.createIfMissing(dynamo, tables);
            UUID hotOn = UUID.randomUUID();
            UUID hotOff = UUID.randomUUID();
            var events = new ArrayList<StoredEvent>();
            events.addAll(popular(hotOn, history));
            events.addAll(popular(hotOff, history));
            var smallOn = fresh(events, 2_000);
            var smallOff = fresh(events, 2_000);
            System.out.printf(Locale.ROOT, "writing %,d events: two products of %,d events, %,d products of 2%n",
                    events.size(), history, smallOn.size() + smallOff.size());
            EventHistories.write(dynamo, tables.events(), events);

            String secret = DevTokens.newSecret();
            String token = DevTokens.token(secret, "bench", List.of("writer"), Duration.ofHours(2));
            var on = start(home, "snap-on", dynamoLocal.endpoint(), tables, secret, 100, data);
            var off = start(home, "snap-off", dynamoLocal.endpoint(), tables, secret, 0, data);
            try {
                var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
                var retries = new AtomicLong();
                var figures = new ArrayList<Figure>();
                var small = new Workload("2,000 products with a few events each",
                        restock(http, on.uri(), token, () -> pick(smallOn), retries),
                        restock(http, off.uri(), token, () -> pick(smallOff), retries));
                System.out.println("warming up both services alike: 8 clients for 10 s each, on products with few events");
                Load.run(small.withSnapshots(), 8, Duration.ofSeconds(10));
                Load.run(small.withoutSnapshots(), 8, Duration.ofSeconds(10));
                for (var figure : List.of(
                        new Workload("a product with " + String.format(Locale.ROOT, "%,d", history) + " events",
                                restock(http, on.uri(), token, () -> hotOn, retries),
                                restock(http, off.uri(), token, () -> hotOff, retries)),
                        small)) {
                    System.out.println(figure.name() + ": warming up both services");
                    Load.run(figure.withSnapshots(), 1, Duration.ofSeconds(3));
                    Load.run(figure.withoutSnapshots(), 1, Duration.ofSeconds(3));
                    for (int clients : List.of(1, 8)) {
                        var withResults = new ArrayList<Load.Result>();
                        var withoutResults = new ArrayList<Load.Result>();
                        for (int round = 1; round <= rounds; round++) {
                            Load.alternating(round, figure.withoutSnapshots(), withoutResults, figure.withSnapshots(), withResults,
                                    clients, window);
                            System.out.printf(Locale.ROOT, "  %d client(s), round %d: snapshots off %s | on %s%n", clients, round,
                                    withoutResults.getLast(), withResults.getLast());
                        }
                        var with = Stat.of(withResults.stream().map(Load.Result::throughput).toList());
                        var without = Stat.of(withoutResults.stream().map(Load.Result::throughput).toList());
                        double ratio = with.median() / without.median();
                        figures.add(new Figure("snapshots_" + (figure == small ? "few_events_" : "long_history_") + clients + "_clients",
                                "restocks of " + figure.name() + ", " + clients + (clients == 1 ? " client" : " clients")
                                        + ", snapshots on (baseline: off)", "commands/s", with, without,
                                String.format(Locale.ROOT, "%.2f×", ratio), null, null, String.format(Locale.ROOT,
                                "p50/p99: on %.1f/%.1f ms, off %.1f/%.1f ms; %d s windows",
                                CommandBench.median(withResults, Load.Result::p50Millis), CommandBench.median(withResults, Load.Result::p99Millis),
                                CommandBench.median(withoutResults, Load.Result::p50Millis), CommandBench.median(withoutResults, Load.Result::p99Millis),
                                window.toSeconds())));
                    }
                }
                System.out.printf("%,d restocks retried by their client after a version race%n", retries.get());
                Results.write(home, "snapshots", figures, Results.machine());
            } finally {
                on.process().stop(30);
                off.process().stop(30);
            }
        }
    }

    private record Workload(String name, CommandBench.Operation withSnapshots, CommandBench.Operation withoutSnapshots) {
    }

    private record Service(ServiceProcess process, URI uri) {
    }

    /** A product restocked once, then reserved by orders, one event each, up to {@code count} events. */
    private static List<StoredEvent> popular(UUID product, int count) {
        var events = new ArrayList<StoredEvent>(count);
        events.add(event(product, 1, new ProductAdded(product, "HOT-" + product, "Popular", new Money(1000, "EUR"), "uncategorized")));
        events.add(event(product, 2, new ProductRestocked(product, 1_000_000_000L)));
        for (int version = 3; version <= count; version++) {
            events.add(event(product, version, new StockReserved(product, UUID.randomUUID(), 1)));
        }
        return events;
    }

    /** Adds {@code count} products of two events each to {@code events}; returns their ids. */
    private static List<UUID> fresh(List<StoredEvent> events, int count) {
        var ids = new ArrayList<UUID>(count);
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            events.add(event(id, 1, new ProductAdded(id, "SKU-" + i, "Product " + i, new Money(1000, "EUR"), "uncategorized")));
            events.add(event(id, 2, new ProductRestocked(id, 10)));
        }
        return ids;
    }

    private static StoredEvent event(UUID product, long version, DomainEvent data) {
        return new StoredEvent(Shop.product(product), version, UUID.randomUUID(), Instant.now(), UUID.randomUUID(),
                data);
    }

    private static UUID pick(List<UUID> products) {
        return products.get(ThreadLocalRandom.current().nextInt(products.size()));
    }

    private static CommandBench.Operation restock(HttpClient http, URI service, String token,
                                                  java.util.function.Supplier<UUID> product, AtomicLong retries) {
        return () -> {
            var request = HttpRequest.newBuilder(service.resolve("/products/" + product.get() + "/restock"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"quantity\":1}")).build();
            while (true) {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
                if (status != 409) {
                    throw new IllegalStateException("restock failed: " + status);
                }
                retries.incrementAndGet();
            }
        };
    }

    private static Service start(Path home, String name, URI dynamo, TableNames tables, String secret, int snapshotEvery,
                                 Path data) throws Exception {
        int port = Ports.free();
        var process = ServiceProcess.start(name, home.resolve("command-service"), "dev.tributary.command.Application",
                Map.of("micronaut.server.port", Integer.toString(port),
                        "tributary.dynamodb.endpoint", dynamo.toString(),
                        "tributary.dynamodb.events-table", tables.events(),
                        "tributary.dynamodb.idempotency-table", tables.idempotency(),
                        "tributary.dynamodb.snapshots-table", tables.snapshots(),
                        "tributary.command.snapshot-every", Integer.toString(snapshotEvery)),
                ServiceProcess.localEnvironment(secret),
                data.resolve("class-data"), new PrintStream(OutputStream.nullOutputStream()));
        var uri = URI.create("http://127.0.0.1:" + port);
        Readiness.await(process, uri.resolve("/health"), body -> true, Duration.ofSeconds(90));
        return new Service(process, uri);
    }
}
