package dev.tributary.bench.soak;

import dev.tributary.eventstore.TableNames;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The soak: a randomized mix of commands from several clients while faults are injected, then the
 * {@link Convergence} checker's verdict. Faults, in one run:
 * <ul>
 *   <li>{@code kill -9} of the projector worker that holds the shard, {@code kills} times, each restarted
 *       a moment later;</li>
 *   <li>a second worker started, so KCL leases move between the two, and later killed for good;</li>
 *   <li>Postgres stopped for 30 s;</li>
 *   <li>a restart of the query service;</li>
 *   <li>throughout, one command in ten retried with the same {@code Idempotency-Key}.</li>
 * </ul>
 */
public final class Soak {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    /** How long a killed worker stays down, at most, for its lease to move to the standby. */
    private static final Duration LEASE_MOVES = Duration.ofSeconds(45);

    /** What the soak saw and what the checker found. */
    public record Verdict(int commands, String answers, int replays, List<String> faults, int leaseMoves, long events,
                          int ledgerCommands, String ledger, List<String> mismatches, Duration took) {

        public String describe() {
            return String.format(Locale.ROOT, """
                    soak verdict: %s
                      commands   %d (%s), %d retried with the same Idempotency-Key
                      ledger     %d commands (%s)
                      faults     %d: %s
                      leases     the shard changed workers %d times
                      events     %d in the events table
                      mismatches %d%s
                      took       %d s""",
                    mismatches.isEmpty() ? "CONVERGED" : "FAILED", commands, answers, replays, ledgerCommands, ledger, faults.size(),
                    String.join(", ", faults), leaseMoves, events, mismatches.size(),
                    mismatches.isEmpty() ? "" : "\n        " + String.join("\n        ", mismatches.subList(0, Math.min(50, mismatches.size()))),
                    took.toSeconds());
        }
    }

    private Soak() {
    }

    /** {@code ./tributary bench soak [seconds of traffic, 600] [projector kills, 20]} */
    public static void main(String[] args) throws Exception {
        var traffic = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 600);
        int kills = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        var home = Path.of(System.getProperty("tributary.home", ".")).toAbsolutePath().normalize();
        var verdict = run(home, traffic, kills, 42, System.out);
        System.out.println(verdict.describe());
        var results = home.resolve("infra/bench/results");
        Files.createDirectories(results);
        Files.writeString(results.resolve("soak.md"), "```\n" + verdict.describe() + "\n```\n");
        System.exit(verdict.mismatches().isEmpty() ? 0 : 1);
    }

    /**
     * @param traffic how long the clients send commands; at least 60 s, for the 30 s Postgres outage
     * @param kills   projector kills, at least 3
     */
    public static Verdict run(Path home, Duration traffic, int kills, long seed, PrintStream out) throws Exception {
        if (traffic.toSeconds() < 60 || kills < 3) {
            throw new IllegalArgumentException("the soak needs at least 60 s of traffic and 3 projector kills");
        }
        var started = Instant.now();
        var random = new Random(seed);
        var log = new PrintStream(Files.newOutputStream(Files.createDirectories(home.resolve("infra/bench/target")).resolve("soak.log")), true);
        var faults = new ArrayList<String>();
        var answers = new Answers();
        try (var stack = new SoakStack(home, log)) {
            progress(out, started, "stack up; seeding customers, products and accounts");
            stack.startWorker("w1");
            var clients = new Traffic(stack::command, stack.token("writer"), answers);
            clients.seed(random, 20, 8, 6);

            progress(out, started, "traffic for " + traffic.toSeconds() + " s from 4 clients, with faults");
            var pool = Executors.newVirtualThreadPerTaskExecutor();
            var stop = new java.util.concurrent.atomic.AtomicBoolean();
            var loops = new ArrayList<Future<?>>();
            for (int i = 0; i < 4; i++) {
                var clientRandom = new Random(random.nextLong());
                loops.add(pool.submit(() -> {
                    clients.run(clientRandom, stop::get);
                    return null;
                }));
            }
            var hostile = new HostileClient(stack::command, stack::query, stack.token("writer"), stack.token("analyst"), answers);
            hostile.poison(stack.dynamo().client(), TableNames.DEFAULTS.events());
            var hostileRandom = new Random(random.nextLong());
            loops.add(pool.submit(() -> {
                hostile.run(hostileRandom, stop::get);
                return null;
            }));
            var holders = new LeaseWatch(stack);
            pool.submit(() -> {
                holders.run(stop::get);
                return null;
            });
            var trafficStart = Instant.now();
            var recoveries = new ArrayList<Future<?>>();
            inject(stack, schedule(traffic, kills), trafficStart, random, faults, recoveries, pool, out, started);
            for (var recovery : recoveries) {
                recovery.get();
            }
            long left = Duration.between(Instant.now(), trafficStart.plus(traffic)).toMillis();
            if (left > 0) {
                Thread.sleep(left);
            }
            stop.set(true);
            for (var loop : loops) {
                loop.get();
            }
            pool.shutdown();
            if (stack.worker("w1") == null) {
                stack.startWorker("w1");
            }

            progress(out, started, answers.commands.get() + " commands answered; waiting for the projector to catch up");
            var fold = EventFold.of(stack.dynamo().client(), TableNames.DEFAULTS.events());
            var mismatches = new ArrayList<String>();
            if (!Convergence.awaitCaughtUp(fold, stack.jdbcUrl(), Duration.ofMinutes(3))) {
                mismatches.add("the read model did not catch up with the events table within 3 minutes");
            }
            progress(out, started, "checking " + fold.events + " events against the clients' answers, the read model, the reports and a rebuild");
            mismatches.addAll(new Convergence().check(answers, fold, stack.jdbcUrl(), stack::query, stack.token("analyst"),
                    stack.worker("w1").uri("/admin/rebuild"), stack.token("admin")));
            mismatches.addAll(Convergence.parked(hostile.poisoned, fold, stack.jdbcUrl()));
            faults.add(hostile.junk.get() + " hostile commands, " + hostile.analystQueries.get() + " heavy analyst queries and "
                    + hostile.poisoned.size() + " poison items");
            var statuses = new java.util.TreeMap<Integer, Integer>();
            answers.byStatus.forEach((status, count) -> statuses.put(status, count.get()));
            var ledger = new java.util.TreeMap<String, Integer>();
            answers.ledgerAnswers.forEach((command, count) -> ledger.put(command, count.get()));
            return new Verdict(answers.commands.get(), statuses.toString().replaceAll("[{}]", "").replace('=', ':'),
                    answers.replays.get(), faults, holders.moves(), fold.events, answers.ledgerCommands(),
                    ledger.toString().replaceAll("[{}]", "").replace('=', ':'), mismatches, Duration.between(started, Instant.now()));
        } finally {
            log.close();
        }
    }

    private sealed interface Fault {
        Duration at();
    }

    private record Kill(Duration at) implements Fault {
    }

    private record SecondWorker(Duration at) implements Fault {
    }

    private record KillSecondWorker(Duration at) implements Fault {
    }

    private record PostgresOutage(Duration at) implements Fault {
    }

    private record RestartQuery(Duration at) implements Fault {
    }

    /** Faults at fixed fractions of the traffic; kills spread evenly, none during the Postgres outage. */
    private static List<Fault> schedule(Duration traffic, int kills) {
        long span = traffic.toMillis();
        long outageFrom = span * 40 / 100;
        long outageTo = outageFrom + OUTAGE.toMillis() + 2_000;
        var faults = new ArrayList<Fault>(List.of(new SecondWorker(Duration.ZERO),
                new PostgresOutage(Duration.ofMillis(outageFrom)),
                new KillSecondWorker(Duration.ofMillis(span * 85 / 100)),
                new RestartQuery(Duration.ofMillis(span * 90 / 100))));
        long free = span * 95 / 100 - (outageTo - outageFrom) - span * 15 / 100;
        for (int i = 0; i < kills; i++) {
            long at = span * 15 / 100 + free * i / kills;
            faults.add(new Kill(Duration.ofMillis(at < outageFrom ? at : at + (outageTo - outageFrom))));
        }
        faults.sort(java.util.Comparator.comparing(Fault::at));
        return faults;
    }

    /**
     * Injects the faults at their times. What a fault must wait for (a worker's restart, the end of the
     * outage, the query service coming back) runs in the background, so the schedule keeps its times
     * and the traffic goes on throughout.
     */
    private static void inject(SoakStack stack, List<Fault> faults, Instant start, Random random, List<String> done,
                               List<Future<?>> recoveries, java.util.concurrent.ExecutorService background,
                               PrintStream out, Instant started) throws Exception {
        for (Fault fault : faults) {
            long wait = Duration.between(Instant.now(), start.plus(fault.at())).toMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            String what = switch (fault) {
                case Kill kill -> {
                    String victim = stack.awaitLeaseHolder(Duration.ofSeconds(60)).orElse(null);
                    if (victim == null) {
                        yield "no worker held the lease to kill";
                    }
                    var live = stack.workers();
                    stack.kill(victim);
                    boolean standby = live.size() > 1;
                    long pause = 500 + random.nextInt(2_000);
                    recoveries.add(background.submit(() -> {
                        if (standby) {
                            stack.awaitLeaseMovedFrom(victim, LEASE_MOVES);
                        } else {
                            Thread.sleep(pause);
                        }
                        return stack.startWorker(victim);
                    }));
                    yield "kill -9 " + victim;
                }
                case SecondWorker second -> {
                    recoveries.add(background.submit(() -> stack.startWorker("w2")));
                    yield "second worker w2 started";
                }
                case KillSecondWorker second -> {
                    stack.retire("w2");
                    yield "kill -9 w2 for good";
                }
                case PostgresOutage outage -> {
                    stack.stopPostgres();
                    recoveries.add(background.submit(() -> {
                        Thread.sleep(OUTAGE.toMillis());
                        stack.startPostgres();
                        return null;
                    }));
                    yield "Postgres stopped for " + OUTAGE.toSeconds() + " s";
                }
                case RestartQuery restart -> {
                    recoveries.add(background.submit(() -> {
                        stack.restartQuery();
                        return null;
                    }));
                    yield "query service restarted";
                }
            };
            done.add(what);
            progress(out, started, "fault: " + what);
        }
    }

    private static void progress(PrintStream out, Instant started, String what) {
        out.printf(Locale.ROOT, "soak: [%5.1f s] %s%n", Duration.between(started, Instant.now()).toMillis() / 1000.0, what);
    }
}
