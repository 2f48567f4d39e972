package dev.tributary.bench;

import dev.tributary.events.AggregateId;
import dev.tributary.events.CustomerEvent.CustomerRegistered;
import dev.tributary.events.EventItems;
import dev.tributary.events.StoredEvent;
import dev.tributary.events.TableNames;
import dev.tributary.local.LocalStack;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
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
 *
 * <p>Both paths warm up first, for long enough that the JIT has compiled them: the service's code
 * (Netty, Micronaut, the SDK) is large, and with a short warm-up its C2 compiler was still using a
 * good part of a core during the measured windows.
 */
public final class CommandBench {

    private static final String BODY = "{\"name\":\"Bench Customer\",\"email\":\"bench@example.com\"}";

    private CommandBench() {
    }

    public static void main(String[] args) throws Exception {
        Duration window = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 8);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Duration warmUp = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 40);
        Results.write(Bench.home(), "commands", measure(Bench.home(), window, rounds, warmUp), Results.machine());
    }

    /** One figure per client count: the service's throughput beside the SDK's, alternating, {@code rounds} times. */
    static List<Figure> measure(Path home, Duration window, int rounds, Duration warmUp) throws Exception {
        var settings = Bench.freshSettings(home);
        try (var stack = new LocalStack(settings, new PrintStream(OutputStream.nullOutputStream()));
             var http = BenchHttp.client()) {
            stack.start();
            var dynamo = DynamoDbClient.builder()
                    .endpointOverride(URI.create(settings.dynamoEndpoint()))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClientBuilder(ApacheHttpClient.builder().maxConnections(256))
                    .build();
            var token = stack.devToken();
            URI commands = URI.create("http://127.0.0.1:" + settings.commandPort() + "/customers");
            Operation viaHttp = () -> {
                int status = BenchHttp.post(http, commands, token, BODY);
                if (status != 201) {
                    throw new IllegalStateException("command failed: " + status);
                }
            };
            Operation viaSdk = () -> register(dynamo, TableNames.DEFAULTS.events());

            System.out.println("commands: warming up both paths for " + warmUp.toSeconds() + " s each");
            System.out.println("  warm-up: service " + Load.run(viaHttp, 8, warmUp) + " | SDK " + Load.run(viaSdk, 8, warmUp));

            var figures = new ArrayList<Figure>();
            for (int clients : List.of(1, 8, 32)) {
                var sdk = new ArrayList<Load.Result>();
                var service = new ArrayList<Load.Result>();
                for (int round = 1; round <= rounds; round++) {
                    sdk.add(Load.run(viaSdk, clients, window));
                    service.add(Load.run(viaHttp, clients, window));
                    System.out.printf(Locale.ROOT, "  %2d clients, round %d of %d: SDK %s | service %s%n", clients, round, rounds,
                            sdk.getLast(), service.getLast());
                }
                var measured = Stat.of(service.stream().map(Load.Result::throughput).toList());
                var baseline = Stat.of(sdk.stream().map(Load.Result::throughput).toList());
                double ratio = measured.median() / baseline.median();
                figures.add(new Figure("commands_" + clients + "_clients",
                        "command throughput, " + clients + (clients == 1 ? " client" : " clients") + " (POST /customers vs the same PutItem from the SDK)",
                        "commands/s", measured, baseline, String.format(Locale.ROOT, "%.0f%%", ratio * 100), "≥ 85%", ratio >= 0.85,
                        String.format(Locale.ROOT, "p50/p99: service %.1f/%.1f ms, SDK %.1f/%.1f ms; %d s windows after %d s of warm-up on each path",
                                median(service, Load.Result::p50Millis), median(service, Load.Result::p99Millis),
                                median(sdk, Load.Result::p50Millis), median(sdk, Load.Result::p99Millis), window.toSeconds(), warmUp.toSeconds())));
            }
            dynamo.close();
            return figures;
        }
    }

    private static double median(List<Load.Result> results, java.util.function.ToDoubleFunction<Load.Result> value) {
        return Stat.of(results.stream().map(r -> value.applyAsDouble(r)).toList()).median();
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

            @Override
            public String toString() {
                return String.format(Locale.ROOT, "%.0f/s p50 %.1f ms p99 %.1f ms", throughput, p50Millis, p99Millis);
            }
        }
    }
}
