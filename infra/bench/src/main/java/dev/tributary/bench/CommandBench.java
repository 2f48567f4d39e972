package dev.tributary.bench;

import dev.tributary.events.AggregateId;
import dev.tributary.events.CustomerEvent.CustomerRegistered;
import dev.tributary.events.EventItems;
import dev.tributary.events.StoredEvent;
import dev.tributary.events.TableNames;
import dev.tributary.local.LocalSettings;
import dev.tributary.local.LocalStack;
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
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Command throughput and latency at 1, 8 and 32 clients: {@code POST /customers} through the
 * command service, beside a baseline that makes the same DynamoDB call straight from the SDK (a
 * registration of a fresh id is one conditional PutItem of the same item). Both run against the
 * same local stack, alternating, so the ratio holds on a noisy machine.
 */
public final class CommandBench {

    private static final String BODY = "{\"name\":\"Bench Customer\",\"email\":\"bench@example.com\"}";

    private CommandBench() {
    }

    public static void main(String[] args) throws Exception {
        Duration window = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 8);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path home = Bench.home();
        var settings = Bench.freshSettings(home);
        try (var stack = new LocalStack(settings, new PrintStream(OutputStream.nullOutputStream()))) {
            stack.start();
            var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            var dynamo = DynamoDbClient.builder()
                    .endpointOverride(URI.create(settings.dynamoEndpoint()))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClientBuilder(ApacheHttpClient.builder().maxConnections(256))
                    .build();
            var token = stack.devToken();
            URI commands = URI.create("http://127.0.0.1:" + settings.commandPort() + "/customers");
            Operation viaHttp = () -> {
                var response = http.send(HttpRequest.newBuilder(commands)
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("command failed: " + response.statusCode());
                }
            };
            Operation viaSdk = () -> register(dynamo, TableNames.DEFAULTS.events());

            System.out.println("warming up both paths for " + window.toSeconds() + " s each");
            Load.run(viaHttp, 8, window);
            Load.run(viaSdk, 8, window);

            var rows = new ArrayList<String>();
            var json = new ArrayList<String>();
            for (int clients : List.of(1, 8, 32)) {
                var sdk = new ArrayList<Load.Result>();
                var service = new ArrayList<Load.Result>();
                for (int round = 1; round <= rounds; round++) {
                    sdk.add(Load.run(viaSdk, clients, window));
                    service.add(Load.run(viaHttp, clients, window));
                    System.out.printf(Locale.ROOT, "%2d clients, round %d: SDK %s | service %s%n", clients, round,
                            sdk.getLast(), service.getLast());
                }
                var baseline = Load.Result.median(sdk);
                var measured = Load.Result.median(service);
                double ratio = measured.throughput() / baseline.throughput();
                rows.add(String.format(Locale.ROOT, "| %d | %.0f/s (%.0f–%.0f) | %.1f / %.1f ms | %.0f/s (%.0f–%.0f) | %.1f / %.1f ms | **%.0f%%** |",
                        clients, measured.throughput(), Load.Result.min(service), Load.Result.max(service),
                        measured.p50Millis(), measured.p99Millis(),
                        baseline.throughput(), Load.Result.min(sdk), Load.Result.max(sdk),
                        baseline.p50Millis(), baseline.p99Millis(), ratio * 100));
                json.add(String.format(Locale.ROOT,
                        "{\"clients\":%d,\"service_per_s\":%.1f,\"service_p50_ms\":%.2f,\"service_p99_ms\":%.2f,"
                                + "\"sdk_per_s\":%.1f,\"sdk_p50_ms\":%.2f,\"sdk_p99_ms\":%.2f,\"ratio\":%.3f}",
                        clients, measured.throughput(), measured.p50Millis(), measured.p99Millis(),
                        baseline.throughput(), baseline.p50Millis(), baseline.p99Millis(), ratio));
            }
            String table = "| clients | command service: throughput (range) | p50 / p99 | SDK baseline: throughput (range) | p50 / p99 | service ÷ baseline |\n"
                    + "|---|---|---|---|---|---|\n" + String.join("\n", rows) + "\n";
            System.out.println();
            System.out.println(table);
            System.out.printf("median of %d rounds of %d s per cell; target: service ≥ 85%% of baseline%n", rounds, window.toSeconds());
            Path results = home.resolve("infra/bench/results");
            Files.createDirectories(results);
            Files.writeString(results.resolve("commands.md"), table);
            Files.writeString(results.resolve("commands.json"), "{\"figure\":\"command_throughput\",\"measured_at\":\""
                    + Instant.now() + "\",\"rounds\":" + rounds + ",\"window_s\":" + window.toSeconds() + ",\"rows\":["
                    + String.join(",", json) + "]}\n");
            dynamo.close();
        }
    }

    /** What the command service does for a registration, without HTTP: one conditional append. */
    private static void register(DynamoDbClient dynamo, String table) {
        var id = UUID.randomUUID();
        var aggregate = AggregateId.customer(id);
        var event = new StoredEvent(aggregate, 1, UUID.randomUUID(), Instant.now(), UUID.randomUUID(),
                EventItems.CURRENT_SCHEMA, new CustomerRegistered(id, "Bench Customer", "bench@example.com"));
        dynamo.putItem(p -> p.tableName(table).item(EventItems.toItem(event)).conditionExpression("attribute_not_exists(pk)"));
    }

    interface Operation {
        void run() throws Exception;
    }

    /** Closed-loop load: each client runs the operation back to back for the window. */
    static final class Load {

        static Result run(Operation operation, int clients, Duration window) throws Exception {
            var stop = new AtomicBoolean();
            var latencies = new ArrayList<List<Long>>();
            long started = System.nanoTime();
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < clients; c++) {
                    var samples = new ArrayList<Long>();
                    latencies.add(samples);
                    executor.submit(() -> {
                        while (!stop.get()) {
                            long t0 = System.nanoTime();
                            operation.run();
                            samples.add(System.nanoTime() - t0);
                        }
                        return null;
                    });
                }
                Thread.sleep(window);
                stop.set(true);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            var all = new ArrayList<Long>();
            latencies.forEach(all::addAll);
            all.sort(null);
            return new Result(all.size() / seconds, percentile(all, 0.50), percentile(all, 0.99));
        }

        private static double percentile(List<Long> sorted, double p) {
            return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
        }

        record Result(double throughput, double p50Millis, double p99Millis) {

            static Result median(List<Result> results) {
                var sorted = results.stream().sorted(java.util.Comparator.comparingDouble(Result::throughput)).toList();
                return sorted.get(sorted.size() / 2);
            }

            static double min(List<Result> results) {
                return results.stream().mapToDouble(Result::throughput).min().orElse(0);
            }

            static double max(List<Result> results) {
                return results.stream().mapToDouble(Result::throughput).max().orElse(0);
            }

            @Override
            public String toString() {
                return String.format(Locale.ROOT, "%.0f/s p50 %.1f ms p99 %.1f ms", throughput, p50Millis, p99Millis);
            }
        }
    }
}
