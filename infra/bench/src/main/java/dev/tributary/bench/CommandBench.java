package dev.tributary.bench;

import dev.tributary.local.LocalStack;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.util.EntityUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Command throughput and latency at 1, 8 and 32 clients, through the command service, beside a
 * baseline that makes the same DynamoDB calls straight from the SDK. Two commands, the lightest and
 * the one the domain is about ({@link CommandWorkloads}). Both paths run against the same local
 * stack, alternating, so the ratio holds on a noisy machine, and each goes first in every other round,
 * so a drift over the run (DynamoDB Local slows as its tables grow) weighs on both alike when the
 * number of rounds is even.
 *
 * <p>Both paths warm up first, for long enough that the JIT has compiled them: the service's code
 * (Netty, Micronaut, the SDK) is large, and with a short warm-up its C2 compiler was still using a
 * good part of a core during the measured windows.
 *
 * <p>At one client the figure is latency, so the service's round trip for {@code GET /health} is
 * measured too and printed with it: it is the least any HTTP hop on this machine adds.
 */
public final class CommandBench {

    private CommandBench() {
    }

    public static void main(String[] args) throws Exception {
        Duration window = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 8);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Duration warmUp = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 40);
        Results.write(Bench.home(), "commands", measure(Bench.home(), window, rounds, warmUp), Results.machine());
    }

    /**
     * Per command and client count, the service's throughput beside the SDK's, alternating, {@code rounds}
     * times, rounded up to an even number so that each path goes first equally often.
     */
    static List<Figure> measure(Path home, Duration window, int roundsAsked, Duration warmUp) throws Exception {
        int rounds = roundsAsked + roundsAsked % 2;
        if (rounds != roundsAsked) {
            System.out.println("commands: " + rounds + " rounds instead of " + roundsAsked + ", so each path goes first equally often");
        }
        var settings = Bench.freshSettings(home);
        try (var stack = new LocalStack(settings, new PrintStream(OutputStream.nullOutputStream()));
             var http = BenchHttp.client();
             var dynamo = DynamoDbClient.builder()
                     .endpointOverride(URI.create(settings.dynamoEndpoint()))
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                     .httpClientBuilder(ApacheHttpClient.builder().maxConnections(256))
                     .build()) {
            stack.start();
            var service = URI.create("http://127.0.0.1:" + settings.commandPort());
            var workloads = new CommandWorkloads(http, service, stack.devToken(), dynamo);
            var floor = httpFloor(http, service);
            var figures = new ArrayList<Figure>();
            for (var workload : List.of(workloads.registration(), workloads.orderPlacement())) {
                figures.addAll(measure(workload, floor, window, rounds, warmUp));
            }
            return figures;
        }
    }

    private static List<Figure> measure(CommandWorkloads.Workload workload, Operation floor, Duration window, int rounds,
                                        Duration warmUp) throws Exception {
        System.out.println("commands, " + workload.title() + ": warming up both paths for " + warmUp.toSeconds() + " s each");
        System.out.println("  warm-up: service " + Load.run(workload.viaService(), 8, warmUp)
                + " | SDK " + Load.run(workload.viaSdk(), 8, warmUp) + " | GET /health " + Load.run(floor, 1, Duration.ofSeconds(3)));
        var figures = new ArrayList<Figure>();
        for (int clients : List.of(1, 8, 32)) {
            var sdk = new ArrayList<Load.Result>();
            var service = new ArrayList<Load.Result>();
            var hop = new ArrayList<Load.Result>();
            for (int round = 1; round <= rounds; round++) {
                // DynamoDB Local slows as its table grows (orders most): with the SDK always first, the
                // service always ran on the larger table.
                Load.alternating(round, workload.viaSdk(), sdk, workload.viaService(), service, clients, window);
                if (clients == 1) {
                    hop.add(Load.run(floor, 1, Duration.ofSeconds(2)));
                }
                System.out.printf(Locale.ROOT, "  %2d clients, round %d of %d: SDK %s | service %s%s%n", clients, round, rounds,
                        sdk.getLast(), service.getLast(), clients == 1 ? " | GET /health " + hop.getLast() : "");
            }
            var measured = Stat.of(service.stream().map(Load.Result::throughput).toList());
            var baseline = Stat.of(sdk.stream().map(Load.Result::throughput).toList());
            double ratio = measured.median() / baseline.median();
            String note = String.format(Locale.ROOT, "p50/p99: service %.1f/%.1f ms, SDK %.1f/%.1f ms",
                    median(service, Load.Result::p50Millis), median(service, Load.Result::p99Millis),
                    median(sdk, Load.Result::p50Millis), median(sdk, Load.Result::p99Millis));
            if (clients == 1) {
                note += String.format(Locale.ROOT, "; GET /health on the same service %.2f ms p50", median(hop, Load.Result::p50Millis));
            }
            figures.add(new Figure(workload.id() + "_" + clients + "_clients",
                    "command throughput, " + clients + (clients == 1 ? " client" : " clients") + " (" + workload.title() + ")",
                    "commands/s", measured, baseline, String.format(Locale.ROOT, "%.0f%%", ratio * 100), "≥ 85%", ratio >= 0.85,
                    note + String.format(Locale.ROOT, "; %d s windows after %d s of warm-up on each path",
                            window.toSeconds(), warmUp.toSeconds())));
        }
        return figures;
    }

    /** The service's cheapest answer: a round trip through its HTTP stack, with no DynamoDB call and no token. */
    private static Operation httpFloor(CloseableHttpClient http, URI service) {
        URI health = service.resolve("/health");
        return () -> {
            try (var response = http.execute(new HttpGet(health))) {
                EntityUtils.consume(response.getEntity());
                if (response.getStatusLine().getStatusCode() != 200) {
                    throw new IllegalStateException("health answered " + response.getStatusLine());
                }
            }
        };
    }

    static double median(List<Load.Result> results, ToDoubleFunction<Load.Result> value) {
        return Stat.of(results.stream().map(value::applyAsDouble).toList()).median();
    }

    interface Operation {
        void run() throws Exception;
    }

    /** Closed-loop load: each client runs the operation back to back for the window. */
    static final class Load {

        /**
         * One round of an A/B comparison: {@code a} runs first in odd rounds and {@code b} in even ones,
         * so over an even number of rounds a drift during the run weighs on both alike.
         */
        static void alternating(int round, Operation a, List<Result> aResults, Operation b, List<Result> bResults,
                                int clients, Duration window) throws Exception {
            if (round % 2 == 1) {
                aResults.add(run(a, clients, window));
                bResults.add(run(b, clients, window));
            } else {
                bResults.add(run(b, clients, window));
                aResults.add(run(a, clients, window));
            }
        }

        static Result run(Operation operation, int clients, Duration window) throws Exception {
            var stop = new AtomicBoolean();
            var latencies = new ArrayList<List<Long>>();
            var clientsRun = new ArrayList<Future<?>>();
            long started = System.nanoTime();
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < clients; c++) {
                    var samples = new ArrayList<Long>();
                    latencies.add(samples);
                    clientsRun.add(executor.submit(() -> {
                        while (!stop.get()) {
                            long t0 = System.nanoTime();
                            operation.run();
                            samples.add(System.nanoTime() - t0);
                        }
                        return null;
                    }));
                }
                Thread.sleep(window);
                stop.set(true);
            }
            for (var client : clientsRun) {
                client.get();
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
                return String.format(Locale.ROOT, "%.0f/s p50 %.2f ms p99 %.1f ms", throughput, p50Millis, p99Millis);
            }
        }
    }
}
