package dev.tributary.command.idempotency;

/** This request's claim on its idempotency key ran out and another request took the key over; nothing was written. */
public class IdempotencyKeyTaken extends RuntimeException {

    public IdempotencyKeyTaken(String key) {
        super("idempotency key " + key + " was taken over by another request");
    }
}
