package dev.tributary.query.analyst;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many analysts' queries run at once: at most {@code perCaller} for one caller (the JWT subject) and
 * {@code total} in all, fewer than the pool has connections, so app reads always find one. A query
 * beyond either is refused at once with {@link Busy}, never queued.
 */
final class AnalystSlots {

    private final int perCaller;
    private final Semaphore total;
    private final ConcurrentHashMap<String, Integer> running = new ConcurrentHashMap<>();

    AnalystSlots(int perCaller, int total) {
        this.perCaller = perCaller;
        this.total = new Semaphore(total);
    }

    /** A slot for {@code caller}, given back when it is closed. */
    Slot take(String caller) {
        if (running.merge(caller, 1, Integer::sum) > perCaller) {
            giveBack(caller);
            throw new Busy("you already have " + perCaller + " queries running; wait for one to finish");
        }
        if (!total.tryAcquire()) {
            giveBack(caller);
            throw new Busy("analysts' queries are using every connection this service gives them; retry shortly");
        }
        return new Slot(caller, new AtomicBoolean());
    }

    private void giveBack(String caller) {
        running.computeIfPresent(caller, (c, n) -> n == 1 ? null : n - 1);
    }

    /** One running query's place; closing it more than once gives it back once. */
    final class Slot implements AutoCloseable {

        private final String caller;
        private final AtomicBoolean closed;

        private Slot(String caller, AtomicBoolean closed) {
            this.caller = caller;
            this.closed = closed;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                total.release();
                giveBack(caller);
            }
        }
    }

    /** Too many queries are running: for this caller, or for analysts in all. */
    static final class Busy extends RuntimeException {
        Busy(String message) {
            super(message, null, false, false);
        }
    }
}
