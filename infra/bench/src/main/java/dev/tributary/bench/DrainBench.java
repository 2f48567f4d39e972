package dev.tributary.bench;

import dev.tributary.embedded.DevTokens;
import dev.tributary.embedded.LocalDynamo;
import dev.tributary.embedded.LocalPostgres;
import dev.tributary.embedded.Ports;
import dev.tributary.eventstore.EventItems;
import dev.tributary.eventstore.EventStoreTables;
import dev.tributary.events.StoredEvent;
import dev.tributary.eventstore.TableNames;
import dev.tributary.local.EventHistories;
import dev.tributary.local.ProjectorProcess;
import dev.tributary.projector.projection.Projection;
import dev.tributary.projector.projection.ProjectedBatch;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Projector drain rate over a backlog, beside the per-event baseline.
 *
 * <ul>
 *   <li><b>Tributary</b>: the projector process (KCL, one transaction per GetRecords batch of up to
 *       1000) drains a backlog already in the stream. Timed from the first event applied to the last.</li>
 *   <li><b>Baseline</b>: the per-event Lambda pattern. The same stream read in batches of 1000, each
 *       event applied by the same projection code in a transaction of its own. It runs for at most a
 *       fixed window after a warm-up of {@value #WARM_UP} events, since at its pace the backlog
 *       would take many minutes; its rate is steady.</li>
 * </ul>
 * Postgres is durable (fsync and synchronous commit on), as in production; each side has a database
 * and an events table of its own, holding the same events.
 */
final class DrainBench {

    /** Events the baseline applies before its clock starts, so it is measured warm, like the projector. */
    private static final int WARM_UP = 1_000;

    /**
     * The projector's default pause between reads of a shard: DynamoDB Streams allows 5 GetRecords a
     * second per shard, so at most 5,000 records a second per shard can be read on AWS.
     */
    private static final String DEFAULT_CADENCE = "200ms";

    private DrainBench() {
    }

    public static void main(String[] args) throws Exception {
        int backlog = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Duration baselineWindow = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 20);
        String cadence = args.length > 2 ? args[2] : DEFAULT_CADENCE;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        String name = cadence.equals(DEFAULT_CADENCE) ? "drain" : "drain-" + cadence;
        Results.write(Bench.home(), name, List.of(measure(Bench.home(), backlog, baselineWindow, cadence, runs)), Results.machine());
    }

    /**
     * Writes one backlog, then {@code runs} times: a fresh projector (a new KCL application, so it
     * starts at the shard's beginning) drains it into a fresh database, and the baseline applies it
     * one event per transaction into another.
     */
    static Figure measure(Path home, int backlog, Duration baselineWindow, String cadence, int runs) throws Exception {
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        Path data = Files.createTempDirectory("tributary-drain-");
        try (var dynamoLocal = LocalDynamo.startInMemory();
             var postgres = LocalPostgres.start(Ports.free(), data.resolve("postgres"));
             var dynamo = dynamoLocal.client()) {
            var batchedTables = new TableNames("drain-batched", "drain-batched-idempotency");
            var perEventTables = new TableNames("drain-per-event", "drain-per-event-idempotency");
            EventStoreTables.createIfMissing(dynamo, batchedTables);
            EventStoreTables.createIfMissing(dynamo, perEventTables);
            int events = writeBacklog(dynamo, backlog, batchedTables, perEventTables);

            String secret = DevTokens.newSecret();
            var batched = new ArrayList<Double>();
            var perEvent = new ArrayList<Double>();
            for (int run = 1; run <= runs; run++) {
                String batchedDb = Bench.readModelDatabase(postgres, "drain_batched_" + run);
                String perEventDb = Bench.readModelDatabase(postgres, "drain_per_event_" + run);
                var projector = ProjectorProcess.start(home, dynamoLocal.endpoint(), batchedTables, batchedDb, "drain-bench-" + run,
                        secret, Map.of("tributary.projector.idle-between-reads", cadence), data.resolve("class-data"),
                        new PrintStream(OutputStream.nullOutputStream()));
                try {
                    System.out.printf("drain run %d of %d: the projector drains %,d events%n", run, runs, events);
                    batched.add(drain(batchedDb, events, Duration.ofMinutes(20)));
                } finally {
                    projector.process().stop(30);
                }
                System.out.printf("drain run %d of %d: baseline, one transaction per event, for %d s%n", run, runs,
                        baselineWindow.toSeconds());
                perEvent.add(perEvent(dynamo, dynamoLocal.endpoint(), perEventTables, perEventDb, baselineWindow));
                System.out.printf(Locale.ROOT, "  projector %,.0f events/s, baseline %,.0f events/s%n", batched.getLast(), perEvent.getLast());
            }
            var measured = Stat.of(batched);
            var baseline = Stat.of(perEvent);
            double ratio = measured.median() / baseline.median();
            return new Figure("projector_drain", String.format(Locale.ROOT,
                    "projector drain of a %,d-event backlog, shard read every %s (batched vs one transaction per event)", events, cadence),
                    "events/s", measured, baseline, String.format(Locale.ROOT, "%.1f×", ratio), "≥ 20×", ratio >= 20,
                    "Postgres fsync and synchronous_commit on; baseline timed " + baselineWindow.toSeconds() + " s after "
                            + WARM_UP + " warm-up events");
        }
    }

    /** Writes the same histories to both tables; returns how many events each holds. */
    private static int writeBacklog(DynamoDbClient dynamo, int backlog, TableNames... tables) {
        var histories = new EventHistories(7);
        var events = new ArrayList<StoredEvent>(histories.catalog(2_000, 500));
        while (events.size() < backlog) {
            events.addAll(histories.orders(500));
        }
        long started = System.nanoTime();
        int written = 0;
        for (int from = 0; from < events.size(); from += 5_000) {
            var chunk = events.subList(from, Math.min(events.size(), from + 5_000));
            for (TableNames t : tables) {
                EventHistories.write(dynamo, t.events(), chunk);
            }
            written += chunk.size();
            System.out.printf(Locale.ROOT, "  backlog: %,d of %,d events written to both tables (%.0f s)%n", written,
                    events.size(), (System.nanoTime() - started) / 1e9);
        }
        return events.size();
    }

    /**
     * Events per second from the first applied to the last, watching the positions table through one
     * connection (a new one per look would fork a Postgres backend ten times a second, beside the
     * projector it measures).
     */
    private static double drain(String jdbcUrl, int events, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        long first = 0;
        long lastReport = System.nanoTime();
        try (var watcher = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "")) {
            while (System.nanoTime() < deadline) {
                long applied = applied(watcher);
                long now = System.nanoTime();
                if (applied > 0 && first == 0) {
                    first = now;
                }
                if (applied >= events) {
                    return events / Math.max(0.001, (now - first) / 1e9);
                }
                if (now - lastReport > 5_000_000_000L) {
                    lastReport = now;
                    System.out.printf(Locale.ROOT, "  %,d of %,d applied%n", applied, events);
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the projector did not drain " + events + " events within " + limit.toMinutes() + " min");
    }

    private static long applied(java.sql.Connection c) throws Exception {
        try (var rows = c.createStatement().executeQuery("SELECT coalesce(sum(version), 0) FROM projection_position")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The per-event Lambda pattern over the same kind of stream, with the projector's own projection code. */
    private static double perEvent(DynamoDbClient dynamo, URI endpoint, TableNames tables, String jdbcUrl, Duration window) throws Exception {
        try (var context = InProcessProjector.open(jdbcUrl, endpoint, tables.events());
             var streams = DynamoDbStreamsClient.builder().endpointOverride(endpoint)
                     .region(software.amazon.awssdk.regions.Region.US_EAST_1).build()) {
            var projection = context.getBean(Projection.class);
            String streamArn = EventStoreTables.eventsStreamArn(dynamo, tables);
            var shards = streams.describeStream(d -> d.streamArn(streamArn)).streamDescription().shards();
            long applied = 0;
            long warmUp = 0;
            long started = System.nanoTime();
            long deadline = started + window.toNanos() + Duration.ofMinutes(1).toNanos();
            long lastReport = started;
            for (var shard : shards) {
                String iterator = streams.getShardIterator(g -> g.streamArn(streamArn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                while (iterator != null && System.nanoTime() < deadline) {
                    String current = iterator;
                    var page = streams.getRecords(g -> g.shardIterator(current).limit(1000));
                    if (page.records().isEmpty()) {
                        break;
                    }
                    for (var record : page.records()) {
                        var event = EventItems.fromItem(record.dynamodb().newImage());
                        projection.apply(new ProjectedBatch(shard.shardId(), record.dynamodb().sequenceNumber(),
                                event.occurredAt(), List.of(event)));
                        if (++warmUp == WARM_UP) {
                            started = System.nanoTime();
                            deadline = started + window.toNanos();
                        } else if (warmUp > WARM_UP) {
                            applied++;
                        }
                        if (System.nanoTime() >= deadline) {
                            break;
                        }
                    }
                    if (System.nanoTime() - lastReport > 5_000_000_000L) {
                        lastReport = System.nanoTime();
                        System.out.printf(Locale.ROOT, "  %,d applied%n", applied);
                    }
                    iterator = page.nextShardIterator();
                }
            }
            return applied / ((System.nanoTime() - started) / 1e9);
        }
    }
}
