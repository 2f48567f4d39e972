package dev.tributary.projector;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Pauses between retries, doubling from a first pause up to a ceiling. Jittered, each pause is a
 * random part of that, so writers that failed together (a deadlock) do not retry in step.
 */
public final class Backoff {

    private final Duration max;
    private final boolean jitter;
    private Duration next;

    private Backoff(Duration first, Duration max, boolean jitter) {
        this.next = first;
        this.max = max;
        this.jitter = jitter;
    }

    public static Backoff exponential(Duration first, Duration max) {
        return new Backoff(first, max, false);
    }

    public static Backoff jittered(Duration first, Duration max) {
        return new Backoff(first, max, true);
    }

    /** The longest the next pause can be, for logs. */
    public Duration next() {
        return next;
    }

    /** Sleeps, then doubles the next pause; false if interrupted, with the interrupt kept. */
    public boolean pause() {
        long millis = jitter ? ThreadLocalRandom.current().nextLong(1, next.toMillis() + 1) : next.toMillis();
        next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
