package dev.tributary.bench;

import dev.tributary.local.LocalStack;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.impl.client.CloseableHttpClient;

/**
 * Freshness over the read-your-writes path: at a steady open-loop rate, each command
 * ({@code POST /customers}) is followed at once by a read of the new customer from the query service
 * carrying the command's {@code Consistency-Token}. The query service answers once the projector has
 * applied that version; the time from the command's 2xx to that answer is the command's freshness.
 * A read the query service gives up on (503 after its wait bound) is retried, and its time still counts.
 */
final class FreshnessBench {

    private static final String BODY = "{\"name\":\"Fresh Customer\",\"email\":\"fresh@example.com\"}";
    /**
     * The stack starts cold: for about its first minute under this load, four JVMs compile their hot
     * code on two cores, and commands and freshness both run seconds behind (measured: p50 0.9 s and
     * p99 1.9 s in the first 20 s, 44/100 ms from the third window on). The figure is the steady
     * state after that; the warm-up windows are printed, so the cold minute stays visible.
     */
    static final int WARM_UP_WINDOWS = 3;
    /** The p99 target; each window reports when the commands slower than this were acknowledged. */
    private static final int SLOW_MILLIS = 300;


    private FreshnessBench() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Duration window = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 20);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Results.write(Bench.home(), "freshness", measure(Bench.home(), rate, window, runs), Results.machine());
    }

    /** Two figures, p50 and p99, each over {@code runs} windows at {@code rate} commands a second, after the warm-up windows. */
    static List<Figure> measure(Path home, int rate, Duration window, int runs) throws Exception {
        var settings = Bench.freshSettings(home);
        try (var stack = new LocalStack(settings, new PrintStream(OutputStream.nullOutputStream()));
             var http = BenchHttp.client()) {
            stack.start();
            var commands = URI.create("http://127.0.0.1:" + settings.commandPort() + "/customers");
            var reads = "http://127.0.0.1:" + settings.queryPort() + "/customers/";
            String token = stack.devToken();
            System.out.printf("freshness: warming up at %d commands/s, %d windows of %d s, not counted%n",
                    rate, WARM_UP_WINDOWS, window.toSeconds());
            for (int i = 1; i <= WARM_UP_WINDOWS; i++) {
                var result = run(http, commands, reads, token, rate, window);
                System.out.printf(Locale.ROOT, "  warm-up %d of %d: p50 %.0f ms, p99 %.0f ms, max %.0f ms%s%n", i, WARM_UP_WINDOWS,
                        result.percentile(50), result.percentile(99), result.percentile(100), result.slowSpan());
            }
            var p50 = new ArrayList<Double>();
            var p99 = new ArrayList<Double>();
            var achieved = new ArrayList<Double>();
            for (int i = 1; i <= runs; i++) {
                var result = run(http, commands, reads, token, rate, window);
                p50.add(result.percentile(50));
                p99.add(result.percentile(99));
                achieved.add(result.rate());
                System.out.printf(Locale.ROOT, "  run %d of %d: %,d commands at %.0f/s, p50 %.0f ms, p99 %.0f ms, max %.0f ms%s%n",
                        i, runs, result.nanos().size(), result.rate(), p50.getLast(), p99.getLast(), result.percentile(100),
                        result.slowSpan());
            }
            String note = String.format(Locale.ROOT, "achieved %s commands/s; %d s windows after %d warm-up windows; whole local stack on this machine",
                    Stat.of(achieved).format(0), window.toSeconds(), WARM_UP_WINDOWS);
            return List.of(
                    figure("freshness_p50", "p50", rate, Stat.of(p50), 100, note),
                    figure("freshness_p99", "p99", rate, Stat.of(p99), SLOW_MILLIS, note));
        }
    }

    private static Figure figure(String id, String percentile, int rate, Stat stat, int targetMillis, String note) {
        return new Figure(id, "freshness " + percentile + ", command 2xx → read-your-writes answer from the query service, at "
                + rate + " commands/s", "ms", stat, null, null, "≤ " + targetMillis + " ms", stat.median() <= targetMillis, note);
    }

    private static Result run(CloseableHttpClient http, URI commands, String reads, String token, int rate, Duration window)
            throws Exception {
        List<Long> freshness = Collections.synchronizedList(new ArrayList<>());
        List<Long> slowAt = Collections.synchronizedList(new ArrayList<>());
        var failures = new AtomicInteger();
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        var senders = Executors.newVirtualThreadPerTaskExecutor();
        long started = System.nanoTime();
        var ticks = scheduler.scheduleAtFixedRate(() -> senders.submit(() -> {
            try {
                var written = BenchHttp.postForResponse(http, commands, token, BODY);
                long acknowledged = System.nanoTime();
                var id = written.createdId();
                if (id.isEmpty()) {
                    failures.incrementAndGet();
                    return;
                }
                var read = URI.create(reads + id.get());
                while (BenchHttp.get(http, read, token, "Consistency-Token", written.consistencyToken()).status() != 200) {
                    if (System.nanoTime() - acknowledged > TimeUnit.SECONDS.toNanos(60)) {
                        failures.incrementAndGet();
                        return;
                    }
                }
                long visible = System.nanoTime();
                freshness.add(visible - acknowledged);
                if (visible - acknowledged > TimeUnit.MILLISECONDS.toNanos(SLOW_MILLIS)) {
                    slowAt.add(acknowledged - started);
                }
            } catch (Exception e) {
                failures.incrementAndGet();
            }
        }), 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        Thread.sleep(window);
        ticks.cancel(false);
        scheduler.shutdown();
        long sent = System.nanoTime();
        senders.shutdown();
        if (!senders.awaitTermination(90, TimeUnit.SECONDS)) {
            throw new IllegalStateException("reads still waiting 90 s after the last command");
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " commands or reads failed; freshness would be meaningless");
        }
        var sorted = new ArrayList<>(freshness);
        Collections.sort(sorted);
        return new Result(sorted, sorted.size() / ((sent - started) / 1e9), List.copyOf(slowAt));
    }

    /**
     * @param slowAt when, from the window's start, each command slower than {@link #SLOW_MILLIS} was acknowledged: a
     *               stall shows as one short span, a slow path as commands spread over the window
     */
    private record Result(List<Long> nanos, double rate, List<Long> slowAt) {

        String slowSpan() {
            if (slowAt.isEmpty()) {
                return "";
            }
            return String.format(Locale.ROOT, "; %d over %d ms, acknowledged between %.1f s and %.1f s into the window",
                    slowAt.size(), SLOW_MILLIS, Collections.min(slowAt) / 1e9, Collections.max(slowAt) / 1e9);
        }

        double percentile(int p) {
            int index = Math.min(nanos.size() - 1, (int) Math.ceil(p / 100.0 * nanos.size()) - 1);
            return nanos.get(Math.max(0, index)) / 1e6;
        }
    }
}
