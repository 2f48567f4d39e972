package dev.tributary.bench;

import dev.tributary.embedded.LocalDynamo;
import dev.tributary.embedded.LocalPostgres;
import dev.tributary.embedded.Ports;
import dev.tributary.events.StoredEvent;
import dev.tributary.local.EventHistories;
import dev.tributary.projector.projection.GapRepairingProjection;
import dev.tributary.projector.projection.ProjectedBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How close the projector's writers come to what Postgres can absorb on this machine.
 *
 * <ul>
 *   <li><b>Projector's writers</b>: a backlog of events applied by the projector's own code (the
 *       path the stream consumer calls), 1000 events to a transaction, with no stream to read, so
 *       only the Postgres writes are timed.</li>
 *   <li><b>Ceiling</b>: the same final rows, every read-model table, written the fastest way
 *       Postgres offers: {@code COPY} into staging tables and one {@code INSERT … ON CONFLICT} per
 *       table, in one transaction ({@link CopyUpsert}). It writes each row once, where the projector
 *       writes an order, say, once per event; that is the point of a ceiling.</li>
 * </ul>
 * Both on durable Postgres (fsync and synchronous commit on), each run into fresh databases, after a
 * warm-up of the writers into a scratch one.
 */
final class CeilingBench {

    private static final int BATCH = 1_000;
    private static final int WARM_UP = 20_000;

    private CeilingBench() {
    }

    public static void main(String[] args) throws Exception {
        int backlog = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Results.write(Bench.home(), "ceiling", List.of(measure(backlog, runs)), Results.machine());
    }

    static Figure measure(int backlog, int runs) throws Exception {
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        var histories = new EventHistories(11);
        var events = new ArrayList<StoredEvent>(histories.catalog(2_000, 500));
        while (events.size() < backlog) {
            events.addAll(histories.orders(500));
        }
        Path data = Files.createTempDirectory("tributary-ceiling-");
        try (var dynamoLocal = LocalDynamo.startInMemory();
             var postgres = LocalPostgres.start(Ports.free(), data.resolve("postgres"))) {
            String scratch = Bench.readModelDatabase(postgres, "ceiling_warm_up");
            System.out.println("ceiling: warming up the projector's writers on " + WARM_UP + " events");
            project(events.subList(0, Math.min(WARM_UP, events.size())), scratch, dynamoLocal);
            var writers = new ArrayList<Double>();
            var ceiling = new ArrayList<Double>();
            for (int run = 1; run <= runs; run++) {
                String projected = Bench.readModelDatabase(postgres, "ceiling_writers_" + run);
                String copied = Bench.readModelDatabase(postgres, "ceiling_copy_" + run);
                writers.add(project(events, projected, dynamoLocal));
                ceiling.add(events.size() / CopyUpsert.copy(projected, copied));
                System.out.printf(Locale.ROOT, "ceiling run %d of %d: projector's writers %,.0f events/s, COPY + upsert %,.0f events/s%n",
                        run, runs, writers.getLast(), ceiling.getLast());
            }
            var measured = Stat.of(writers);
            var best = Stat.of(ceiling);
            return new Figure("postgres_write_ceiling", String.format(Locale.ROOT,
                    "Postgres write ceiling: %,d events by the projector's writers vs the same final rows by COPY into staging + upsert",
                    events.size()), "events/s", measured, best,
                    String.format(Locale.ROOT, "%.0f%% of the ceiling", 100 * measured.median() / best.median()),
                    "report the % of the ceiling reached", null, BATCH + " events per transaction; no stream reads");
        }
    }

    private static double project(List<StoredEvent> events, String jdbcUrl, LocalDynamo dynamo) {
        try (var context = InProcessProjector.open(jdbcUrl, dynamo.endpoint(), "ceiling-unused")) {
            var projection = context.getBean(GapRepairingProjection.class);
            long started = System.nanoTime();
            for (int from = 0; from < events.size(); from += BATCH) {
                var batch = events.subList(from, Math.min(events.size(), from + BATCH));
                projection.apply(new ProjectedBatch("ceiling", Integer.toString(from + batch.size()),
                        batch.getLast().occurredAt(), List.copyOf(batch)));
            }
            return events.size() / ((System.nanoTime() - started) / 1e9);
        }
    }
}
