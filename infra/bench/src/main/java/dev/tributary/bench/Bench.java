package dev.tributary.bench;

import dev.tributary.embedded.LocalPostgres;
import dev.tributary.embedded.Ports;
import dev.tributary.local.LocalSettings;
import dev.tributary.readmodel.ReadModelSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** {@code ./tributary bench <figure> [args]}: one entry point for the benchmarks, and {@code all} for every figure. */
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
            case "ceiling" -> CeilingBench.main(rest);
            case "reports" -> ReportsBench.main(rest);
            case "all" -> Suite.main(rest);
            case "soak" -> dev.tributary.bench.soak.Soak.main(rest);
            case "analysts" -> AnalystSoak.main(rest);
            default -> {
                System.out.println("""
                        usage: ./tributary bench <figure> [args]
                          all [runs] [orders]         every figure below but snapshots and soak, in one run, each beside its
                                                      baseline; writes infra/bench/results/latest.json and latest.md
                                                      (default 3 runs of each, reports at 1,000,000 orders; 45–70 min;
                                                      all 3 100000 takes about 20)
                          startup [runs]              start-up to the first event visible, cold and warm (default 3 runs)
                          commands [seconds] [rounds] [warm-up]  command throughput and p50/p99 at 1/8/32 clients vs the
                                                      same SDK calls, for a registration and for an order of one line
                                                      (default 8 s windows, 4 rounds, after 40 s of warm-up on each path)
                          drain [events] [s] [read-every] [runs]  projector drain rate over a backlog vs one transaction
                                                      per event (default 100000 events, 20 s baseline window, the shard
                                                      read every 200ms, 3 runs)
                          ceiling [events] [runs]     the projector's Postgres writers vs COPY + upsert of the same rows
                                                      (default 100000 events, 3 runs)
                          freshness [rate] [seconds] [runs]  command 2xx to the read-your-writes answer from the query
                                                      service at a steady rate (default 200 commands/s, 20 s, 3 runs)
                          reports [orders] [runs]     the dashboard's reports at that many orders vs DynamoDB Scan + client
                                                      aggregation, and the rebuild of the whole events table
                                                      (default 1,000,000 orders, 3 runs)
                          snapshots [events] [s] [rounds]  restocks of a product with many events, snapshots on vs off
                                                      (default 5000 events, 8 s windows, 2 rounds)
                          soak [seconds] [kills]      random commands under faults (projector kill -9, a second worker,
                                                      Postgres down 30 s, query restart, duplicate retries), then a
                                                      convergence verdict (default 600 s of traffic, 20 kills)
                          analysts [seconds] [analysts]  the query service with 1 GiB of heap under generated heavy /sql
                                                      while app reads and read-your-writes are checked every second;
                                                      fails on any 5xx or failed check (default 600 s, 6 analysts)""");
                System.exit(which.equals("help") ? 0 : 2);
            }
        }
        // DynamoDB Local leaves a non-daemon shard-rollover thread behind; the benchmark is over.
        System.exit(0);
    }

    static Path home() {
        return Path.of(System.getProperty("tributary.home", ".")).toAbsolutePath().normalize();
    }

    /** A stack on free ports with a fresh data directory. */
    static LocalSettings freshSettings(Path home) throws IOException {
        Path data = Files.createTempDirectory("tributary-bench-");
        return new LocalSettings(home, data, data.resolve("class-data"),
                Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free());
    }

    /** A new database on {@code postgres} with the read-model schema migrated; its JDBC URL. */
    static String readModelDatabase(LocalPostgres postgres, String name) {
        String url = postgres.createDatabase(name);
        ReadModelSchema.migrate(url, LocalPostgres.USER, "");
        return url;
    }

}
