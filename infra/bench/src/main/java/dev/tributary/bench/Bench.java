package dev.tributary.bench;

import dev.tributary.local.LocalSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** {@code ./tributary bench <startup|commands> [args]}: one entry point for the benchmarks. */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "help" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (which) {
            case "startup" -> StartupBench.main(rest);
            case "commands" -> CommandBench.main(rest);
            case "drain" -> DrainBench.main(rest);
            case "freshness" -> FreshnessBench.main(rest);
            case "snapshots" -> SnapshotBench.main(rest);
            case "soak" -> dev.tributary.bench.soak.Soak.main(rest);
            default -> {
                System.out.println("""
                        usage: ./tributary bench <figure> [args]
                          startup [runs]              start-up to the first event visible, cold and warm (default 3 runs)
                          commands [seconds] [rounds] command throughput and p50/p99 at 1/8/32 clients vs the same SDK calls
                                                      (default 8 s windows, 2 rounds)
                          drain [events] [s] [read-every]  projector drain rate over a backlog vs one transaction per event,
                                                      and rebuild throughput (default 100000 events, 30 s baseline window,
                                                      the shard read every 200ms)
                          freshness [rate] [seconds]  command 2xx to row visible in Postgres at a steady rate
                                                      (default 200 commands/s for 30 s)
                          snapshots [events] [s] [rounds]  restocks of a product with many events, snapshots on vs off
                                                      (default 5000 events, 8 s windows, 2 rounds)
                          soak [seconds] [kills]      random commands under faults (projector kill -9, a second worker,
                                                      Postgres down 30 s, query restart, duplicate retries), then a
                                                      convergence verdict (default 600 s of traffic, 20 kills)""");
                System.exit(which.equals("help") ? 0 : 2);
            }
        }
    }

    static Path home() {
        return Path.of(System.getProperty("tributary.home", ".")).toAbsolutePath().normalize();
    }

    /** A stack on free ports with a fresh data directory. */
    static LocalSettings freshSettings(Path home) throws IOException {
        return new LocalSettings(home, Files.createTempDirectory("tributary-bench-"),
                freePort(), freePort(), freePort(), freePort(), freePort());
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
