package dev.tributary.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./tributary bench all}: every figure in one run, each beside its baseline, written to
 * {@code infra/bench/results/latest.json} and {@code latest.md} after every step, so an interrupted
 * run keeps what it measured.
 */
final class Suite {

    /**
     * Orders for the reports figure: a million, a year of a busy shop (4.9 million events). Most of the
     * run's time is spent writing them to DynamoDB Local and rebuilding the read model from them;
     * {@code all 3 100000} puts the same 30-day window's worth of orders in a fifth of the time.
     */
    static final int DEFAULT_ORDERS = 1_000_000;

    /** The local stack reads each shard every 50 ms; on AWS a shard allows 5 reads a second (200 ms). */
    static final String READ_EVERY = "50ms";

    private Suite() {
    }

    interface Step {
        List<Figure> measure() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int orders = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_ORDERS;
        Path home = Bench.home();
        var steps = new java.util.LinkedHashMap<String, Step>();
        steps.put("start-up", () -> StartupBench.measure(home, runs));
        steps.put("commands", () -> CommandBench.measure(home, Duration.ofSeconds(8), runs, Duration.ofSeconds(40)));
        steps.put("projector drain", () -> List.of(DrainBench.measure(home, 100_000, Duration.ofSeconds(20), READ_EVERY, runs)));
        steps.put("Postgres write ceiling", () -> List.of(CeilingBench.measure(100_000, runs)));
        steps.put("freshness", () -> FreshnessBench.measure(home, 200, Duration.ofSeconds(20), runs));
        steps.put("reports and rebuild", () -> ReportsBench.measure(home, orders, runs));
        var figures = new ArrayList<Figure>();
        long started = System.nanoTime();
        int step = 0;
        for (var entry : steps.entrySet()) {
            System.out.printf(Locale.ROOT, "%n[bench %d/%d, %.0f min in] %s%n", ++step, steps.size(),
                    (System.nanoTime() - started) / 60e9, entry.getKey());
            figures.addAll(entry.getValue().measure());
            Results.write(home, "latest", figures, Results.machine());
        }
        System.out.printf(Locale.ROOT, "%nall figures measured in %.0f min%n", (System.nanoTime() - started) / 60e9);
    }
}
