package dev.tributary.bench;

import dev.tributary.embedded.DevTokens;
import dev.tributary.embedded.LocalPostgres;
import dev.tributary.embedded.Ports;
import dev.tributary.local.Readiness;
import dev.tributary.local.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code ./tributary bench analysts [seconds] [analysts]}: the query service in a JVM of its own with 1 GiB of
 * heap ({@link ServiceProcess}), its defaults untouched, under generated heavy {@code POST /sql} (repeat, md5,
 * string_agg, cross joins of generate_series) from several analysts for 600 s by default, while a reader
 * checks every second that app reads, {@code /health} and read-your-writes still answer. Exits 1 on any
 * 5xx, any answer over the byte cap, any failed check, or the service dying; 429s and 400s are answers.
 */
final class AnalystSoak {

    private static final long BYTE_CAP = 4L * 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AnalystSoak() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int analysts = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        var data = Files.createTempDirectory("tributary-analysts-");
        try (var postgres = LocalPostgres.start(Ports.free(), data.resolve("postgres"))) {
            String jdbcUrl = Bench.readModelDatabase(postgres, "analysts");
            String secret = DevTokens.newSecret();
            int port = Ports.free();
            var query = ServiceProcess.start("query", Bench.home().resolve("query-service"), "dev.tributary.query.Application",
                    Map.of("micronaut.server.port", Integer.toString(port), "datasources.default.url", jdbcUrl),
                    ServiceProcess.quietLocalEnvironment(secret), data.resolve("class-data"), System.out);
            String base = "http://127.0.0.1:" + port;
            Readiness.await(query, URI.create(base + "/health"), body -> true, Duration.ofSeconds(90));
            var failures = new ConcurrentLinkedQueue<String>();
            var statuses = new ConcurrentHashMap<Integer, LongAdder>();
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            System.out.printf("analysts: %d analysts send heavy SQL for %d s; app reads and read-your-writes checked every second%n", analysts, seconds);
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < analysts; i++) {
                    String token = DevTokens.token(secret, "analyst-" + i, List.of("analyst"), Duration.ofHours(2));
                    long seed = i;
                    pool.submit(() -> analyst(base, token, new Random(seed), deadline, statuses, failures));
                }
                pool.submit(() -> reader(base, DevTokens.token(secret, "reader", List.of("reader"), Duration.ofHours(2)), jdbcUrl,
                        query, deadline, failures));
            }
            System.out.printf("analysts: answers by status %s%n", statuses);
            query.stop(10);
            if (!failures.isEmpty()) {
                System.out.printf("analysts: FAILED, %d failures; the first: %s%n", failures.size(), failures.peek());
                System.exit(1);
            }
            System.out.println("analysts: passed: no 5xx, no answer over the cap, every app read and read-your-writes answered");
        }
    }

    private static Void analyst(String base, String token, Random random, long deadline, Map<Integer, LongAdder> statuses,
                                ConcurrentLinkedQueue<String> failures) throws Exception {
        while (System.nanoTime() < deadline) {
            String sql = heavy(random);
            HttpResponse<byte[]> response;
            try {
                response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/sql")).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").header("Accept", random.nextBoolean() ? "text/csv" : "application/json")
                        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString("{\"sql\":\"" + sql + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (java.io.IOException e) {
                failures.add("no answer in 60 s (" + e + ") for " + sql);
                continue;
            }
            statuses.computeIfAbsent(response.statusCode(), s -> new LongAdder()).increment();
            if (response.statusCode() >= 500) {
                failures.add(response.statusCode() + " for " + sql);
            } else if (response.body().length > BYTE_CAP + 1024) {
                failures.add(response.body().length + " bytes for " + sql);
            } else if (response.statusCode() == 429) {
                Thread.sleep(200);
            }
        }
        return null;
    }

    private static Void reader(String base, String token, String jdbcUrl, ServiceProcess query, long deadline,
                               ConcurrentLinkedQueue<String> failures) throws Exception {
        while (System.nanoTime() < deadline) {
            if (!query.isAlive()) {
                failures.add("the query service died");
                return null;
            }
            check(failures, "app read", get(base + "/products?limit=1", token, null));
            check(failures, "/health", get(base + "/health", null, null));
            var id = UUID.randomUUID();
            try (var db = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "")) {
                db.createStatement().execute("INSERT INTO customers (customer_id, name, email, registered_at, updated_at, version) "
                        + "VALUES ('" + id + "', 'Soak', 'soak@example.com', now(), now(), 1)");
                db.createStatement().execute("INSERT INTO projection_position (aggregate, version) VALUES ('Customer#" + id + "', 1)");
                db.createStatement().execute("SELECT pg_notify('projection_advanced', 'soak')");
            }
            check(failures, "read-your-writes", get(base + "/customers/" + id, token, "Customer#" + id + "@1"));
            Thread.sleep(1000);
        }
        return null;
    }

    private static void check(ConcurrentLinkedQueue<String> failures, String what, HttpResponse<String> response) {
        if (response == null || response.statusCode() != 200) {
            String failure = what + " answered " + (response == null ? "nothing in 10 s" : response.statusCode() + ": " + response.body());
            failures.add(failure);
            System.out.println("analysts: " + failure);
        }
    }

    private static HttpResponse<String> get(String uri, String token, String consistencyToken) throws InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (consistencyToken != null) {
            request.header("Consistency-Token", consistencyToken);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** One heavy SELECT: several wide columns over a cross join of two series, or aggregates over one. */
    static String heavy(Random random) {
        int[] sizes = {10, 1_000, 100_000, 3_000_000};
        int[] widths = {1, 100, 10_000, 1_000_000};
        String from = "generate_series(1, " + sizes[random.nextInt(4)] + ") AS a CROSS JOIN generate_series(1, " + sizes[random.nextInt(4)] + ") AS b";
        var columns = new StringBuilder();
        boolean aggregate = random.nextInt(3) == 0;
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            int width = widths[random.nextInt(4)];
            columns.append(i == 0 ? "" : ", ").append(aggregate
                    ? List.of("string_agg(repeat(md5(a::text), " + width + "), ',')", "array_agg(a * b)", "to_jsonb(array_agg(md5(a::text)))").get(random.nextInt(3))
                    : List.of("repeat(md5(a::text), " + width + ")", "repeat('x', " + width + ")", "lpad('', " + width + ", md5(b::text))", "a * b").get(random.nextInt(4)));
        }
        return "SELECT " + columns + " FROM " + from + (aggregate ? " GROUP BY a % 7" : random.nextBoolean() ? " ORDER BY 1 DESC" : "");
    }
}
