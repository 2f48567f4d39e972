package dev.tributary.command.snapshot;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot trouble at WARN, without flooding the log under load: each unusable snapshot once (of the
 * last 10,000 seen), and failures to reach the snapshots table at most once a minute, with a count of
 * the ones in between.
 */
final class SnapshotWarnings {

    private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);
    private static final int REMEMBERED = 10_000;
    private static final long FAILURE_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

    private final Set<String> unusable = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));
    private final AtomicLong nextFailureWarning = new AtomicLong(System.nanoTime());
    private final AtomicLong unreported = new AtomicLong();

    /** A snapshot, named {@code <pk>@<version>}, that a load ignores. */
    void unusable(String snapshot, String why) {
        if (unusable.add(snapshot)) {
            LOG.warn("ignoring snapshot {}: {}; the aggregate is loaded from all its events", snapshot, why);
        }
    }

    void failed(String what, Exception cause) {
        long now = System.nanoTime();
        long next = nextFailureWarning.get();
        if (now - next >= 0 && nextFailureWarning.compareAndSet(next, now + FAILURE_INTERVAL_NANOS)) {
            LOG.warn("{}: {} (snapshot failures since the last such warning: {}); commands go on without snapshots",
                    what, cause.toString(), unreported.getAndSet(0));
        } else {
            unreported.incrementAndGet();
        }
    }
}
