package dev.tributary.projector.rebuild;

import dev.tributary.events.StoredEvent;
import dev.tributary.eventstore.EventItems;
import dev.tributary.eventstore.TableNames;
import dev.tributary.projector.Backoff;
import dev.tributary.projector.projection.DeadLetters;
import dev.tributary.projector.projection.Failures;
import dev.tributary.projector.projection.GapRepairingProjection;
import dev.tributary.projector.projection.ProjectedBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the whole events table with a parallel Scan (strongly consistent) and applies each page to one
 * schema, with one projection or all. At most {@code writers} pages are applied at once, so the pool
 * keeps connections for the live consumer. An undecodable item, or a page that fails as poison
 * {@value #MAX_ATTEMPTS} times event by event, is parked in that schema; any other failure (a deadlock
 * with the live consumer, an outage) is retried until it passes.
 */
final class EventsTableScan {

    private static final Logger LOG = LoggerFactory.getLogger(EventsTableScan.class);
    private static final int MAX_ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final GapRepairingProjection projection;
    private final DeadLetters deadLetters;
    private final String schema;
    private final String only;
    private final int segments;
    private final Semaphore applying;
    private final AtomicLong scanned = new AtomicLong();
    /** Why the scan must stop before its end; null while it may go on. */
    private volatile String cancelled;

    /** @param only the one projection to apply; null for all */
    EventsTableScan(DynamoDbClient dynamo, TableNames tables, GapRepairingProjection projection, DeadLetters deadLetters,
                    String schema, String only, int segments, int writers) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.projection = projection;
        this.deadLetters = deadLetters;
        this.schema = schema;
        this.only = only;
        this.segments = segments;
        this.applying = new Semaphore(writers);
    }

    long scanned() {
        return scanned.get();
    }

    /** Stops every segment at its next page (or its next retry), with why; {@link #run} then throws it. */
    void cancel(String why) {
        cancelled = why;
    }

    private void stopIfCancelled() {
        String why = cancelled;
        if (why != null) {
            throw new IllegalStateException(why);
        }
    }

    /** Scans every segment, {@link Rebuild#SCAN_THREADS} at a time; {@code report} is called about every 5 s. */
    void run(Consumer<Long> report) throws InterruptedException, ExecutionException {
        try (var pool = Executors.newFixedThreadPool(Math.min(segments, Rebuild.SCAN_THREADS),
                Thread.ofPlatform().name("rebuild-scan-", 0).factory())) {
            List<Future<?>> parts = new ArrayList<>();
            for (int segment = 0; segment < segments; segment++) {
                int s = segment;
                parts.add(pool.submit(() -> scanSegment(s)));
            }
            long lastReport = System.nanoTime();
            for (Future<?> part : parts) {
                while (true) {
                    try {
                        part.get(1, TimeUnit.SECONDS);
                        break;
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof RuntimeException failure) {
                            throw failure;
                        }
                        throw e;
                    } catch (java.util.concurrent.TimeoutException notYet) {
                        if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(5)) {
                            lastReport = System.nanoTime();
                            report.accept(scanned.get());
                        }
                    }
                }
            }
        }
    }

    private void scanSegment(int segment) {
        stopIfCancelled();
        var pages = dynamo.scanPaginator(r -> r.tableName(tables.events()).consistentRead(true)
                .segment(segment).totalSegments(segments));
        for (var page : pages) {
            stopIfCancelled();
            var events = new ArrayList<StoredEvent>(page.count());
            var items = new ArrayList<Map<String, AttributeValue>>(page.count());
            for (Map<String, AttributeValue> item : page.items()) {
                try {
                    events.add(EventItems.fromItem(item));
                    items.add(item);
                } catch (RuntimeException e) {
                    deadLetters.parkIn(schema, item, e.getMessage(), DeadLetters.stateFor(e));
                }
            }
            if (!events.isEmpty()) {
                try {
                    applying.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("rebuild interrupted");
                }
                try {
                    if (apply(events) != null) {
                        for (int i = 0; i < events.size(); i++) {
                            RuntimeException failure = apply(List.of(events.get(i)));
                            if (failure != null) {
                                deadLetters.parkIn(schema, items.get(i), "failed in the rebuild: " + failure.getMessage(),
                                        DeadLetters.stateFor(failure));
                            }
                        }
                    }
                } finally {
                    applying.release();
                }
            }
            scanned.addAndGet(page.count());
        }
    }

    /** @return null when applied; the last failure when the events are poison, or need a newer version */
    private RuntimeException apply(List<StoredEvent> events) {
        var backoff = Backoff.jittered(Duration.ofMillis(50), Duration.ofSeconds(5));
        int failures = 0;
        while (true) {
            try {
                projection.applyTo(schema, only, ProjectedBatch.scanned(events));
                return null;
            } catch (RuntimeException e) {
                if (Failures.isPoison(e) && ++failures >= MAX_ATTEMPTS || Failures.awaitsUpgrade(e)) {
                    return e;
                }
                stopIfCancelled();
                LOG.debug("rebuild {}: retrying {} events after {}", schema, events.size(), e.toString());
                if (!backoff.pause()) {
                    throw new IllegalStateException("rebuild interrupted");
                }
            }
        }
    }
}
