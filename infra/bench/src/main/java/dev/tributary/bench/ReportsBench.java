package dev.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.bench.ScanReports.Answers;
import dev.tributary.embedded.DevTokens;
import dev.tributary.embedded.LocalDynamo;
import dev.tributary.embedded.LocalPostgres;
import dev.tributary.embedded.Ports;
import dev.tributary.local.Readiness;
import dev.tributary.local.ServiceProcess;
import dev.tributary.projector.rebuild.Rebuild;
import dev.tributary.projector.rebuild.RebuildProgress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.http.impl.client.CloseableHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The dashboard's reports at a million orders, beside a Scan of the events table with client-side
 * aggregation, and the rebuild that builds the read model they are served from.
 *
 * <ol>
 *   <li>A busy shop's history ({@link ShopHistory}) is written to an events table in DynamoDB Local,
 *       with its database file on tmpfs ({@code /dev/shm}) where there is one, deleted at the end.</li>
 *   <li><b>Rebuild</b>: the projector's own rebuild, in this JVM, reads the table with a parallel Scan
 *       of about {@value #REBUILD_EVENTS_PER_SEGMENT} events a segment and applies it in batches to a fresh schema of a durable
 *       Postgres, then switches it live (forced: the live schema is empty). Its rate is the
 *       projector's own: events scanned ÷ time from start to switch, verification included. One run.
 *       The rebuild vacuums and analyzes the new schema before it compares and switches it.</li>
 *   <li><b>Tributary</b>: the query service, in its own JVM, answers the four reports as the dashboard
 *       asks for them, for the 30 days ending on the history's last day. After {@value #WARM_UP}
 *       requests of each, every run sends {@value #REQUESTS} sequential requests of each report,
 *       timed at the client over HTTP; a run's figure is their p95 (nearest rank).</li>
 *   <li><b>Baseline</b>: {@link ScanReports}, timed from the first Scan call to all four reports
 *       computed. Every report needs that whole Scan, so each report's baseline time is the run's.</li>
 * </ol>
 * Both sides must give the same answers (rows, counts, totals and top lists), or the benchmark fails.
 */
final class ReportsBench {

    private static final String TABLE = "reports-bench-events";
    /**
     * Events per Scan segment. DynamoDB Local reads each Scan page in a time that grows with its
     * segment's size, so a whole Scan grows with the square of the table over the segments: 490,000
     * events took 160 s in 4 segments, 23 s in 64, 10.6 s in 256 and 10.1 s in 1024 (DynamoDB itself
     * reads a page in constant time). A page (1 MB) holds about 2,000 events:
     * <ul>
     *   <li>the baseline reads about one page per segment, as fast as DynamoDB Local scans;</li>
     *   <li>the rebuild reads about four, because each page is one batch applied to Postgres, and a
     *       batch has a fixed cost (490,000 events in 1024 segments, half-full pages, rebuilt at 3,600
     *       events/s against 4,300 in 64).</li>
     * </ul>
     */
    private static final int BASELINE_EVENTS_PER_SEGMENT = 2_000;
    private static final int REBUILD_EVENTS_PER_SEGMENT = 8_000;

    /**
     * Requests of each report before the timed ones, as a dashboard's service that has served for a while
     * has had: after 20, the service's request path was still being compiled (revenue, 30 rows of
     * daily_sales, read p50 9.1 ms at 300,000 orders; after 200, 5.0 ms at 100,000).
     */
    private static final int WARM_UP = 200;
    private static final int REQUESTS = 100;
    private static final String CURRENCY = "EUR";
    /**
     * Where DynamoDB Local keeps the events: 1.2 KB an event, 5.7 GB at a million orders. On this
     * machine's disk it writes 1,000 events/s, syncing every write (80 min for a million orders); on
     * tmpfs 4,000/s. In memory it writes 8,000/s, but takes 2.9 KB an event of the JVM's native
     * memory, 14 GB at a million orders.
     */
    private static final Path TMPFS = Path.of("/dev/shm");
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Report(String id, String what, String path, Function<Answers, List<String>> answer) {
    }

    private record Served(Map<String, List<Double>> p95s, Map<String, List<Double>> p50s, Answers answers) {
    }

    private ReportsBench() {
    }

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : Suite.DEFAULT_ORDERS;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Results.write(Bench.home(), "reports", measure(Bench.home(), orders, runs), Results.machine());
    }

    static List<Figure> measure(Path home, int orders, int runs) throws Exception {
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        Path data = Files.createTempDirectory("tributary-reports-");
        Path events = Files.isDirectory(TMPFS) ? Files.createTempDirectory(TMPFS, "tributary-reports-") : data.resolve("dynamodb");
        try (var dynamoLocal = LocalDynamo.start(Ports.free(), events);
             var postgres = LocalPostgres.start(Ports.free(), data.resolve("postgres"));
             var dynamo = dynamoLocal.client()) {
            System.out.printf(Locale.ROOT, "reports: writing a history of %,d orders%n", orders);
            ShopHistory.createTable(dynamo, TABLE);
            var history = ShopHistory.write(dynamo, TABLE, orders);
            String jdbcUrl = Bench.readModelDatabase(postgres, "reports");
            System.out.printf(Locale.ROOT, "reports: rebuilding the read model from %,d events%n", history.events());
            int rebuildSegments = segments(history.events(), REBUILD_EVENTS_PER_SEGMENT);
            int baselineSegments = segments(history.events(), BASELINE_EVENTS_PER_SEGMENT);
            var rebuilt = rebuild(jdbcUrl, dynamoLocal.endpoint(), rebuildSegments);

            LocalDate to = LocalDate.ofInstant(history.lastOrderAt(), ZoneOffset.UTC).plusDays(1);
            var reports = reports(to.minusDays(30), to);
            var served = serve(home, data, jdbcUrl, reports, runs);
            var baseline = baseline(dynamo, baselineSegments, to.minusDays(30), to, runs, reports, served.answers());
            return figures(history, rebuilt, rebuildSegments, reports, served, baseline, baselineSegments);
        } finally {
            delete(events);
            delete(data);
        }
    }

    /** In the order {@link Answers} takes them. */
    private static List<Report> reports(LocalDate from, LocalDate to) {
        return List.of(
                new Report("revenue", "revenue by day, 30 days",
                        "/reports/revenue?from=" + from + "&to=" + to + "&by=day&currency=" + CURRENCY, Answers::revenue),
                new Report("orders_by_status", "orders by status, 30 days", "/reports/orders-by-status?from=" + from + "&to=" + to,
                        Answers::byStatus),
                new Report("top_customers", "top 10 customers by spend, 30 days",
                        "/reports/top-customers?since=" + from + "&limit=10&currency=" + CURRENCY, Answers::topCustomers),
                new Report("top_products", "top 10 products by units, 30 days",
                        "/reports/top-products?since=" + from + "&limit=10&currency=" + CURRENCY, Answers::topProducts));
    }

    /** Segments for a Scan of {@code events} events, {@code perSegment} to a segment: 64 to the rebuild's most. */
    private static int segments(long events, int perSegment) {
        return (int) Math.clamp(events / perSegment, 64, Rebuild.MAX_SEGMENTS);
    }

    private static RebuildProgress rebuild(String jdbcUrl, URI dynamoEndpoint, int segments) throws InterruptedException {
        try (var context = InProcessProjector.open(jdbcUrl, dynamoEndpoint, TABLE)) {
            var rebuild = context.getBean(Rebuild.class);
            rebuild.start(true, segments);
            long reported = System.nanoTime();
            while (true) {
                Thread.sleep(200);
                var progress = rebuild.current().orElseThrow();
                if (progress.finished()) {
                    if (!progress.state().equals("switched")) {
                        throw new IllegalStateException("the rebuild did not switch: " + progress.state() + ": " + progress.message());
                    }
                    System.out.printf(Locale.ROOT, "  rebuild: %,d events, switched, %,.0f events/s%n", progress.scanned(),
                            progress.eventsPerSecond());
                    return progress;
                }
                if (System.nanoTime() - reported > 5_000_000_000L) {
                    reported = System.nanoTime();
                    System.out.printf(Locale.ROOT, "  rebuild: %s, %,d of about %,d events (%,.0f events/s)%n", progress.state(),
                            progress.scanned(), progress.estimated(), progress.eventsPerSecond());
                }
            }
        }
    }

    private static Served serve(Path home, Path data, String jdbcUrl, List<Report> reports, int runs) throws Exception {
        String secret = DevTokens.newSecret();
        String token = DevTokens.token(secret, "bench", List.of("analyst", "reader"), Duration.ofHours(6));
        int port = Ports.free();
        var query = ServiceProcess.start("query", home.resolve("query-service"), "dev.tributary.query.Application",
                Map.of("micronaut.server.port", Integer.toString(port), "datasources.default.url", jdbcUrl),
                ServiceProcess.quietLocalEnvironment(secret), data.resolve("class-data"), System.out);
        System.out.printf(Locale.ROOT, "reports: the query service, %d runs of %d requests a report%n", runs, REQUESTS);
        try (var http = BenchHttp.client()) {
            Readiness.await(query, URI.create("http://127.0.0.1:" + port + "/health"), body -> true, Duration.ofSeconds(90));
            var answers = new ArrayList<JsonNode>();
            for (var report : reports) {
                String body = "";
                for (int i = 0; i < WARM_UP; i++) {
                    body = get(http, port, report, token);
                }
                answers.add(JSON.readTree(body));
            }
            var p95s = new java.util.HashMap<String, List<Double>>();
            var p50s = new java.util.HashMap<String, List<Double>>();
            for (int run = 1; run <= runs; run++) {
                for (var report : reports) {
                    double[] millis = new double[REQUESTS];
                    for (int i = 0; i < REQUESTS; i++) {
                        long started = System.nanoTime();
                        get(http, port, report, token);
                        millis[i] = (System.nanoTime() - started) / 1e6;
                    }
                    Arrays.sort(millis);
                    p95s.computeIfAbsent(report.id(), r -> new ArrayList<>()).add(percentile(millis, 95));
                    p50s.computeIfAbsent(report.id(), r -> new ArrayList<>()).add(percentile(millis, 50));
                    System.out.printf(Locale.ROOT, "  run %d, %s: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", run, report.id(),
                            percentile(millis, 50), percentile(millis, 95), millis[REQUESTS - 1]);
                }
            }
            return new Served(p95s, p50s, Answers.of(answers.get(0), answers.get(1), answers.get(2), answers.get(3)));
        } finally {
            query.stop(30);
        }
    }

    private static String get(CloseableHttpClient http, int port, Report report, String token) throws Exception {
        var answer = BenchHttp.get(http, URI.create("http://127.0.0.1:" + port + report.path()), token, "Accept", "application/json");
        if (answer.status() != 200) {
            throw new IllegalStateException(report.path() + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    /** Nearest rank, of values sorted ascending. */
    private static double percentile(double[] sorted, int percent) {
        return sorted[Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static Stat baseline(DynamoDbClient dynamo, int segments, LocalDate from, LocalDate to, int runs, List<Report> reports,
                                 Answers served) throws Exception {
        System.out.printf(Locale.ROOT, "reports: the baseline, Scan (%d segments) + client-side aggregation, %d runs%n", segments, runs);
        var millis = new ArrayList<Double>();
        for (int run = 1; run <= runs; run++) {
            long started = System.nanoTime();
            var answers = ScanReports.compute(dynamo, TABLE, segments, from, to, CURRENCY, 10);
            millis.add((System.nanoTime() - started) / 1e6);
            check(reports, served, answers);
            System.out.printf(Locale.ROOT, "  baseline run %d: %,.0f ms, same answers as the query service%n", run, millis.getLast());
        }
        return Stat.of(millis);
    }

    private static List<Figure> figures(ShopHistory.Written history, RebuildProgress rebuilt, int rebuildSegments, List<Report> reports,
                                        Served served, Stat baseline, int baselineSegments) {
        var figures = new ArrayList<Figure>();
        for (var report : reports) {
            var p95 = Stat.of(served.p95s().get(report.id()));
            double ratio = baseline.median() / p95.median();
            figures.add(new Figure("report_" + report.id() + "_p95",
                    String.format(Locale.ROOT, "dashboard report at %,d orders: %s, p95", history.orders(), report.what()), "ms",
                    p95, baseline, String.format(Locale.ROOT, "%,.0f×", ratio), "≤ 20 ms and ≥ 100×", p95.median() <= 20 && ratio >= 100,
                    String.format(Locale.ROOT, "p50 %s ms; %,d orders (%,d in the window), %,d events; %d requests a run after %d "
                                    + "warm-up, timed at the client over HTTP; baseline: one whole Scan (%d segments) + fold, which "
                                    + "yields all four reports, per run", Stat.of(served.p50s().get(report.id())).format(1), history.orders(),
                            served.answers().ordersInWindow(), history.events(), REQUESTS, WARM_UP, baselineSegments)));
        }
        figures.add(new Figure("rebuild_events_per_s",
                String.format(Locale.ROOT, "rebuild of %,d events: parallel Scan + batched apply into a fresh schema", rebuilt.scanned()),
                "events/s", Stat.of(List.of(rebuilt.eventsPerSecond())), null, null, "report events/s", null,
                String.format(Locale.ROOT, "the projector's own rate: events scanned ÷ time from start to switch, verification "
                                + "included (%.0f s); %d Scan segments; Postgres durable (fsync on); one run, it is the long one",
                        Duration.between(rebuilt.startedAt(), rebuilt.finishedAt()).toMillis() / 1000.0, rebuildSegments)));
        return figures;
    }

    private static void check(List<Report> reports, Answers served, Answers scanned) {
        if (served.byStatus().isEmpty()) {
            throw new IllegalStateException("no orders in the window: the two sides would agree on nothing");
        }
        for (var report : reports) {
            var expected = report.answer().apply(served);
            var actual = report.answer().apply(scanned);
            if (!expected.equals(actual)) {
                throw new IllegalStateException("the baseline's " + report.id() + " differs from the query service's:\n  query service: "
                        + expected + "\n  baseline:      " + actual);
            }
        }
    }

    private static void delete(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            System.out.println("could not delete " + directory + ": " + e);
        }
    }
}
