package dev.tributary.command.snapshot;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs snapshot writes on one background thread, so a command never waits for its snapshot.
 *
 * <ul>
 *   <li>Only the newest write per aggregate waits: a newer one replaces a queued older one.</li>
 *   <li>At most {@value #MAX_PENDING} aggregates wait; a write for another one is dropped (the aggregate
 *       stays due, so a later command offers it again).</li>
 *   <li>{@link #close()} drains what waits for up to 5 s, then drops the rest.</li>
 * </ul>
 */
final class SnapshotWriter implements AutoCloseable {

    static final int MAX_PENDING = 10_000;
    private static final Duration DRAIN = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);

    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("snapshot-writer").daemon().factory());

    private record Pending(long version, Runnable write) {
    }

    /** Queues {@code write} of {@code aggregate} at {@code version}; false when it was dropped. Never blocks. */
    boolean offer(String aggregate, long version, Runnable write) {
        var offered = new Pending(version, write);
        var scheduled = new boolean[1];
        var full = new boolean[1];
        pending.compute(aggregate, (key, waiting) -> {
            if (waiting != null) {
                return waiting.version() >= version ? waiting : offered;
            }
            full[0] = pending.size() >= MAX_PENDING;
            scheduled[0] = !full[0];
            return full[0] ? null : offered;
        });
        if (scheduled[0]) {
            try {
                thread.execute(() -> writeNewest(aggregate));
            } catch (RejectedExecutionException shuttingDown) {
                pending.remove(aggregate);
                return false;
            }
        }
        return !full[0];
    }

    /** Waits until every write queued before this call has run. */
    void flush() {
        try {
            thread.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void writeNewest(String aggregate) {
        var newest = pending.remove(aggregate);
        if (newest == null) {
            return;
        }
        try {
            newest.write().run();
        } catch (RuntimeException e) {
            LOG.warn("snapshot of {} at version {} not written", aggregate, newest.version(), e);
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} snapshot writes dropped at shutdown, after {} s", thread.shutdownNow().size(), DRAIN.toSeconds());
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
