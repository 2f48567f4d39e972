package dev.tributary.command.idempotency;

import java.time.Duration;

/**
 * An earlier request with the same key and body is still in flight, and was not answered within
 * {@code tributary.command.idempotency-wait}. Answered with 409 and {@code Retry-After}; nothing is written.
 */
public class IdempotencyKeyInUse extends RuntimeException {

    private final Duration retryAfter;

    public IdempotencyKeyInUse(Duration retryAfter) {
        super("a request with the same Idempotency-Key and body is still in flight; retry after "
                + retryAfter.toSeconds() + " s to get its answer");
        this.retryAfter = retryAfter;
    }

    /** When the earlier request will have been answered, or its claim have run out. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
