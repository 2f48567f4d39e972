package dev.tributary.projector;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for crash tests and the soak: with {@code -Dtributary.projector.crash-at=<point>:<n>},
 * the JVM halts the n-th time it reaches that point, as abruptly as {@code kill -9} (no shutdown
 * hooks, no commit, no checkpoint, connections dropped). Points:
 * <ul>
 *   <li>{@code mid-batch}: a batch's writes are sent to Postgres, not yet committed;</li>
 *   <li>{@code after-commit}: a batch is committed, not yet checkpointed.</li>
 * </ul>
 * Without the property, reaching a point does nothing.
 */
public final class CrashPoint {

    private static final String SETTING = System.getProperty("tributary.projector.crash-at", "");
    private static final AtomicInteger REACHED = new AtomicInteger();

    private CrashPoint() {
    }

    public static void reached(String point) {
        if (SETTING.isEmpty() || !SETTING.startsWith(point + ":")) {
            return;
        }
        int n = Integer.parseInt(SETTING.substring(point.length() + 1));
        if (REACHED.incrementAndGet() == n) {
            System.err.println("crash point " + point + " reached " + n + " time(s): halting");
            Runtime.getRuntime().halt(137);
        }
    }
}
