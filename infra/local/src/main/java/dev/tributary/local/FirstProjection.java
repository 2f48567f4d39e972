package dev.tributary.local;

import java.sql.DriverManager;
import java.util.function.Consumer;
import org.postgresql.PGConnection;

/**
 * Listens on {@code projection_advanced} and reports once when the projector commits its first
 * event of this run.
 */
final class FirstProjection {

    private FirstProjection() {
    }

    static void watch(String jdbcUrl, String user, Consumer<Long> onFirst, long startedNanos) {
        Thread.ofVirtual().name("first-projection").start(() -> {
            try (var connection = DriverManager.getConnection(jdbcUrl, user, "")) {
                connection.createStatement().execute("LISTEN projection_advanced");
                var pg = connection.unwrap(PGConnection.class);
                while (true) {
                    var notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        onFirst.accept((System.nanoTime() - startedNanos) / 1_000_000);
                        return;
                    }
                }
            } catch (Exception e) {
                // Postgres stopped: the stack is shutting down.
            }
        });
    }
}
