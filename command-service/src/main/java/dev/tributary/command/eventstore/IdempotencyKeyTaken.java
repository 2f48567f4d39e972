package dev.tributary.command.eventstore;

/** Another request with the same idempotency key committed while this one was deciding. */
public class IdempotencyKeyTaken extends RuntimeException {

    public IdempotencyKeyTaken(String key) {
        super("idempotency key " + key + " was used by a concurrent request");
    }
}
