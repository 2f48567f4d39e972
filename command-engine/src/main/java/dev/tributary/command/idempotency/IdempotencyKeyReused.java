package dev.tributary.command.idempotency;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

/** The key was first used with a different request. Answered with 422; nothing is written. */
public class IdempotencyKeyReused extends HttpStatusException {

    public IdempotencyKeyReused(String key) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key " + key
                + " was already used with a different request; use a new key for a new request");
    }
}
