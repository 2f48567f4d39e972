package dev.tributary.bench;

import dev.tributary.local.LocalSettings;
import dev.tributary.local.LocalStack;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Start-up to the first event projected: a local stack started on a fresh data directory, a customer
 * registered the moment it is ready, and the clock stopped when the query service serves it. Runs
 * cold (no class-data archive) and warm (archive from the cold run), several times each.
 *
 * <p>Writes {@code infra/bench/results/startup.json} and prints a Markdown table.
 */
public final class StartupBench {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path home = Path.of(System.getProperty("tributary.home", ".")).toAbsolutePath().normalize();
        List<Run> cold = new ArrayList<>();
        List<Run> warm = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Path data = Files.createTempDirectory("tributary-bench-");
            cold.add(run(home, data));
            System.out.printf("run %d/%d cold: %s%n", i, runs, cold.getLast());
            Files.walk(data.resolve("dynamodb")).sorted(Comparator.reverseOrder()).forEach(StartupBench::delete);
            Files.walk(data.resolve("postgres")).sorted(Comparator.reverseOrder()).forEach(StartupBench::delete);
            warm.add(run(home, data));
            System.out.printf("run %d/%d warm: %s%n", i, runs, warm.getLast());
        }
        String table = """
                | figure | runs | median | min | max |
                |---|---|---|---|---|
                | start-up to first event visible, cold JVMs | %d | %s | %s | %s |
                | start-up to first event visible, class-data archive warm | %d | %s | %s | %s |
                """.formatted(
                runs, seconds(median(cold)), seconds(min(cold)), seconds(max(cold)),
                runs, seconds(median(warm)), seconds(min(warm)), seconds(max(warm)));
        System.out.println(table);
        Path results = home.resolve("infra/bench/results");
        Files.createDirectories(results);
        Files.writeString(results.resolve("startup.json"), """
                {"figure":"startup_to_first_event_visible_ms","measured_at":"%s","runs":%d,
                 "cold":{"median":%d,"min":%d,"max":%d},"warm":{"median":%d,"min":%d,"max":%d}}
                """.formatted(Instant.now(), runs, median(cold), min(cold), max(cold), median(warm), min(warm), max(warm)));
        Files.writeString(results.resolve("startup.md"), table);
    }

    private static Run run(Path home, Path data) throws Exception {
        var settings = new LocalSettings(home, data, freePort(), freePort(), freePort(), freePort(), freePort());
        long started = System.nanoTime();
        try (var stack = new LocalStack(settings, new PrintStream(OutputStream.nullOutputStream()))) {
            stack.start();
            long ready = System.nanoTime();
            var created = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.commandPort() + "/customers"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + stack.devToken())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bench\",\"email\":\"bench@example.com\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            var matcher = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(created.body());
            if (created.statusCode() != 201 || !matcher.find()) {
                throw new IllegalStateException("command failed: " + created.statusCode() + " " + created.body());
            }
            var read = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.queryPort() + "/customers/" + matcher.group(1)))
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

    private static long median(List<Run> runs) {
        var sorted = runs.stream().mapToLong(Run::firstEventMillis).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static long min(List<Run> runs) {
        return runs.stream().mapToLong(Run::firstEventMillis).min().orElseThrow();
    }

    private static long max(List<Run> runs) {
        return runs.stream().mapToLong(Run::firstEventMillis).max().orElseThrow();
    }

    private static String seconds(long millis) {
        return String.format("%.1f s", millis / 1000.0);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
