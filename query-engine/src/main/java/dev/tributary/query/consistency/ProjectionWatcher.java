package dev.tributary.query.consistency;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the projector's work as one database sees it, from one connection. On a primary it LISTENs
 * on {@code projection_advanced} and, after each notification (and at least every
 * {@value #POLL_MILLIS} ms, in case one is missed), completes the waits whose aggregate has reached
 * its version in that database's {@code projection_position}, and refreshes how fresh it is. A hot
 * standby cannot LISTEN, so there it polls, every {@value #REPLICA_POLL_MILLIS} ms while anyone
 * waits: a replica that lags makes its readers wait, and never answers them from before their write.
 * Waits cost no connection and no thread. The watcher is supervised: whatever stops it (a lost or
 * killed connection, an error, even one that would end its thread) is logged and it starts again, with
 * backoff from 100 ms to 5 s, so read-your-writes recovers by itself. Its backend is named
 * {@value #APPLICATION_NAME} in {@code pg_stat_activity}.
 */
public final class ProjectionWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionWatcher.class);
    private static final int POLL_MILLIS = 250;
    private static final int REPLICA_POLL_MILLIS = 25;
    static final String APPLICATION_NAME = "tributary-projection-watcher";

    private final DataSource dataSource;
    private final Map<String, CopyOnWriteArrayList<Wait>> waits = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Instant freshAsOf;

    ProjectionWatcher(String database, DataSource dataSource) {
        this.dataSource = dataSource;
        thread = Thread.ofPlatform().daemon(true).name("projection-watcher-" + database).start(this::run);
    }

    /**
     * Completes with true once {@code aggregate} has been projected to at least {@code version}, or with
     * false after {@code timeout}.
     */
    public CompletableFuture<Boolean> await(String aggregate, long version, Duration timeout) {
        var wait = new Wait(version, new CompletableFuture<>());
        waits.computeIfAbsent(aggregate, a -> new CopyOnWriteArrayList<>()).add(wait);
        return wait.done().completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((reached, failure) -> forget(aggregate, wait));
    }

    /** The newest event time the projector has applied, over all shards; null before the first. */
    public Instant freshAsOf() {
        return freshAsOf;
    }

    private void forget(String aggregate, Wait wait) {
        waits.computeIfPresent(aggregate, (a, list) -> {
            list.remove(wait);
            return list.isEmpty() ? null : list;
        });
    }

    private void run() {
        long backoff = 100;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                connection.setClientInfo("ApplicationName", APPLICATION_NAME);
                boolean standby = isStandby(connection);
                if (!standby) {
                    connection.createStatement().execute("LISTEN projection_advanced");
                }
                var notifications = connection.unwrap(PGConnection.class);
                backoff = 100;
                while (running) {
                    check(connection);
                    if (standby) {
                        Thread.sleep(waits.isEmpty() ? POLL_MILLIS : REPLICA_POLL_MILLIS);
                    } else {
                        notifications.getNotifications(POLL_MILLIS);
                    }
                }
            } catch (Exception | Error e) {
                if (!running) {
                    return;
                }
                LOG.warn("lost the read model's notifications ({}); reconnecting in {} ms", e.toString(), backoff);
                sleep(backoff);
                backoff = Math.min(5_000, backoff * 2);
            }
        }
    }

    private static boolean isStandby(Connection connection) throws SQLException {
        try (var recovery = connection.createStatement().executeQuery("SELECT pg_is_in_recovery()")) {
            return recovery.next() && recovery.getBoolean(1);
        }
    }

    private void check(Connection connection) throws SQLException {
        try (var freshness = connection.prepareStatement("SELECT max(last_event_at) FROM shard_progress");
             var rows = freshness.executeQuery()) {
            if (rows.next() && rows.getObject(1) != null) {
                freshAsOf = rows.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
        if (waits.isEmpty()) {
            return;
        }
        try (var positions = connection.prepareStatement(
                "SELECT aggregate, version FROM projection_position WHERE aggregate = ANY(?)")) {
            positions.setArray(1, connection.createArrayOf("text", waits.keySet().toArray()));
            try (var rows = positions.executeQuery()) {
                while (rows.next()) {
                    long applied = rows.getLong(2);
                    var list = waits.get(rows.getString(1));
                    if (list != null) {
                        list.stream().filter(w -> w.version() <= applied).forEach(w -> w.done().complete(true));
                    }
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stop() {
        running = false;
        thread.interrupt();
    }

    private record Wait(long version, CompletableFuture<Boolean> done) {
    }
}
