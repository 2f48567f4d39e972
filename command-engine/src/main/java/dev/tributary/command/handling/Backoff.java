package dev.tributary.command.handling;

import java.util.concurrent.ThreadLocalRandom;

/** Jittered exponential pauses between attempts: up to 10 ms after the first, doubling, at most 200 ms. */
final class Backoff {

    private Backoff() {
    }

    static void pause(int attempt, String waitingFor) {
        long ceiling = Math.min(200, 5L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + waitingFor, e);
        }
    }
}
