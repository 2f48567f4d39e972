package dev.tributary.bench;

import dev.tributary.embedded.Ports;
import dev.tributary.local.LocalSettings;
import dev.tributary.local.LocalStack;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Start-up to the first event projected: a local stack started on a fresh data directory, a customer
 * registered the moment it is ready, and the clock stopped when the query service serves it. Runs
 * cold (no class-data archive) and warm (archive from the cold run), several times each.
 */
public final class StartupBench {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Results.write(Bench.home(), "startup", measure(Bench.home(), runs), Results.machine());
    }

    /** Start-up to the first event visible, cold and warm, each {@code runs} times. */
    static List<Figure> measure(Path home, int runs) throws Exception {
        List<Double> cold = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Path data = Files.createTempDirectory("tributary-bench-");
            var first = run(home, data);
            cold.add(first.firstEventMillis() / 1000.0);
            System.out.printf("startup run %d of %d, cold: %s%n", i, runs, first);
            Files.walk(data.resolve("dynamodb")).sorted(Comparator.reverseOrder()).forEach(StartupBench::delete);
            Files.walk(data.resolve("postgres")).sorted(Comparator.reverseOrder()).forEach(StartupBench::delete);
            var second = run(home, data);
            warm.add(second.firstEventMillis() / 1000.0);
            System.out.printf("startup run %d of %d, warm: %s%n", i, runs, second);
        }
        return List.of(figure("startup_cold_s", "cold JVMs", Stat.of(cold)),
                figure("startup_warm_s", "class-data archive warm (every start after the first)", Stat.of(warm)));
    }

    private static Figure figure(String id, String kind, Stat stat) {
        return new Figure(id, "start-up of the local stack to the first event visible in the query service, " + kind, "s",
                stat, null, null, "≤ 20 s", stat.median() <= 20, "fresh data directory: DynamoDB Local, Postgres, three services");
    }

    private static Run run(Path home, Path data) throws Exception {
        var settings = new LocalSettings(home, data, data.resolve("class-data"), Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free());
        long started = System.nanoTime();
        try (var stack = new LocalStack(settings, new PrintStream(OutputStream.nullOutputStream()))) {
            stack.start();
            long ready = System.nanoTime();
            var created = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.commandPort() + "/customers"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + stack.devToken())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bench\",\"email\":\"bench@example.com\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            var id = BenchHttp.idIn(created.body());
            if (created.statusCode() != 201 || id.isEmpty()) {
                throw new IllegalStateException("command failed: " + created.statusCode() + " " + created.body());
            }
            var read = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.queryPort() + "/customers/" + id.get()))
                    .header("Authorization", "Bearer " + stack.devToken()).build();
            while (HTTP.send(read, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                Thread.sleep(5);
            }
            return new Run((ready - started) / 1_000_000, (System.nanoTime() - started) / 1_000_000);
        }
    }

    record Run(long readyMillis, long firstEventMillis) {
        @Override
        public String toString() {
            return "ready " + seconds(readyMillis) + ", first event visible " + seconds(firstEventMillis);
        }
    }

    private static String seconds(long millis) {
        return String.format("%.1f s", millis / 1000.0);
    }


    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
