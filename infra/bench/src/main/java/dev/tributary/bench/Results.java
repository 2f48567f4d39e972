package dev.tributary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes figures to {@code infra/bench/results/<name>.json} and {@code <name>.md}, and prints the
 * table. Every benchmark reports through here, alone or as part of the suite ({@code latest}).
 */
final class Results {

    static final String HEADER = """
            | figure | Tributary: median (min–max) | baseline, same run | ratio | target | met | runs | notes |
            |---|---|---|---|---|---|---|---|
            """;

    private Results() {
    }

    static String table(List<Figure> figures) {
        return HEADER + figures.stream().map(Figure::row).collect(Collectors.joining("\n")) + "\n";
    }

    static void write(Path home, String name, List<Figure> figures, String machine) throws IOException {
        String table = table(figures);
        System.out.println();
        System.out.println(table);
        Path results = home.resolve("infra/bench/results");
        Files.createDirectories(results);
        Files.writeString(results.resolve(name + ".md"), table + "\n" + machine + "\n");
        Files.writeString(results.resolve(name + ".json"), "{\"measured_at\":\"" + Instant.now() + "\",\"machine\":\""
                + machine.replace("\"", "'") + "\",\"figures\":[\n  "
                + figures.stream().map(Figure::json).collect(Collectors.joining(",\n  ")) + "\n]}\n");
        System.out.println("written: " + results.resolve(name + ".json") + " and " + name + ".md");
    }

    /** What the figures were measured on, since every ratio depends on it. */
    static String machine() {
        var runtime = Runtime.getRuntime();
        return String.format("%d CPU cores, %d GiB max heap for the bench JVM, Java %s, %s %s", runtime.availableProcessors(),
                runtime.maxMemory() >> 30, Runtime.version(), System.getProperty("os.name"), System.getProperty("os.arch"));
    }
}
