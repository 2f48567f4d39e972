package dev.tributary.bench;

import dev.tributary.embedded.LocalPostgres;
import dev.tributary.local.LocalStack;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;

/**
 * Freshness: from a command's 2xx to its effect being visible in Postgres, at a steady open-loop rate
 * of commands ({@code POST /customers}) through the whole local stack. A watcher LISTENs on
 * {@code projection_advanced} and, on every notification, asks which of the acknowledged aggregates
 * now have a position; that moment, minus the 2xx's, is the command's freshness.
 */
final class FreshnessBench {

    private static final String BODY = "{\"name\":\"Fresh Customer\",\"email\":\"fresh@example.com\"}";

    private FreshnessBench() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Duration window = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 30);
        Path home = Bench.home();
        var settings = Bench.freshSettings(home);
        try (var stack = new LocalStack(settings, new PrintStream(OutputStream.nullOutputStream()))) {
            stack.start();
            String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + settings.postgresPort() + "/" + LocalPostgres.DATABASE;
            var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.commandPort() + "/customers"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + stack.devToken())
                    .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();

            System.out.printf("warming up: %d commands/s for 10 s%n", rate);
            run(http, request, jdbcUrl, rate, Duration.ofSeconds(10));
            System.out.printf("measuring: %d commands/s for %d s%n", rate, window.toSeconds());
            var result = run(http, request, jdbcUrl, rate, window);

            String table = String.format(Locale.ROOT, """
                    | figure | commands | achieved rate | p50 | p90 | p99 | max | target |
                    |---|---|---|---|---|---|---|---|
                    | freshness, command 2xx → row visible in Postgres | %,d | %.0f/s | %.0f ms | %.0f ms | %.0f ms | %.0f ms | p50 ≤ 100 ms, p99 ≤ 300 ms |
                    """, result.count(), result.rate(), result.percentile(50), result.percentile(90),
                    result.percentile(99), result.percentile(100));
            System.out.println();
            System.out.println(table);
            Path results = home.resolve("infra/bench/results");
            Files.createDirectories(results);
            Files.writeString(results.resolve("freshness.md"), table);
            Files.writeString(results.resolve("freshness.json"), String.format(Locale.ROOT,
                    "{\"figure\":\"freshness\",\"measured_at\":\"%s\",\"target_rate\":%d,\"rate\":%.1f,\"commands\":%d,"
                            + "\"p50_ms\":%.1f,\"p90_ms\":%.1f,\"p99_ms\":%.1f,\"max_ms\":%.1f,\"not_visible\":%d}%n",
                    Instant.now(), rate, result.rate(), result.count(), result.percentile(50), result.percentile(90),
                    result.percentile(99), result.percentile(100), result.missing()));
        }
    }

    private static Result run(HttpClient http, HttpRequest request, String jdbcUrl, int rate, Duration window) throws Exception {
        Map<String, Long> pending = new ConcurrentHashMap<>();
        List<Long> freshness = Collections.synchronizedList(new ArrayList<>());
        var failures = new AtomicInteger();
        var watching = new java.util.concurrent.atomic.AtomicBoolean(true);
        var watcher = Thread.ofPlatform().name("freshness-watcher").start(() -> watch(jdbcUrl, pending, freshness, watching));
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        var senders = Executors.newVirtualThreadPerTaskExecutor();
        long started = System.nanoTime();
        var ticks = scheduler.scheduleAtFixedRate(() -> senders.submit(() -> {
            try {
                var response = http.send(request, HttpResponse.BodyHandlers.ofString());
                long acknowledged = System.nanoTime();
                if (response.statusCode() != 201) {
                    failures.incrementAndGet();
                    return;
                }
                String id = response.body().replaceAll(".*\"aggregate\":\"([^\"]+)\".*", "$1");
                pending.put(id, acknowledged);
            } catch (Exception e) {
                failures.incrementAndGet();
            }
        }), 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        Thread.sleep(window);
        ticks.cancel(false);
        scheduler.shutdown();
        senders.shutdown();
        senders.awaitTermination(30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - started) / 1e9;
        var deadline = Instant.now().plusSeconds(30);
        while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        watching.set(false);
        watcher.join();
        if (failures.get() > 0) {
            System.out.println("  " + failures.get() + " commands failed");
        }
        List<Long> sorted;
        synchronized (freshness) {
            sorted = new ArrayList<>(freshness);
        }
        Collections.sort(sorted);
        return new Result(sorted, (sorted.size() + pending.size()) / seconds, pending.size());
    }

    /** On each notification (or every 100 ms), marks the acknowledged aggregates that now have a position. */
    private static void watch(String jdbcUrl, Map<String, Long> pending, List<Long> freshness,
                              java.util.concurrent.atomic.AtomicBoolean watching) {
        try (Connection listen = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "");
             Connection query = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "")) {
            listen.createStatement().execute("LISTEN projection_advanced");
            var notifications = listen.unwrap(PGConnection.class);
            var positions = query.prepareStatement("SELECT aggregate FROM projection_position WHERE aggregate = ANY(?)");
            while (watching.get()) {
                notifications.getNotifications(100);
                if (pending.isEmpty()) {
                    continue;
                }
                positions.setArray(1, query.createArrayOf("text", pending.keySet().toArray()));
                try (var rows = positions.executeQuery()) {
                    long now = System.nanoTime();
                    while (rows.next()) {
                        Long acknowledged = pending.remove(rows.getString(1));
                        if (acknowledged != null) {
                            freshness.add(now - acknowledged);
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("the freshness watcher failed: " + e.getMessage(), e);
        }
    }

    private record Result(List<Long> nanos, double rate, int missing) {
        int count() {
            return nanos.size();
        }

        double percentile(int p) {
            if (nanos.isEmpty()) {
                return Double.NaN;
            }
            int index = Math.min(nanos.size() - 1, (int) Math.ceil(p / 100.0 * nanos.size()) - 1);
            return nanos.get(Math.max(0, index)) / 1e6;
        }
    }
}
