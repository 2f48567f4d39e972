package dev.tributary.command.idempotency;

import dev.tributary.kit.http.Problem;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * 409 with a problem of its own type, so a client can tell "wait and retry" from a domain conflict,
 * and {@code Retry-After} in seconds.
 */
@Produces
@Singleton
final class IdempotencyKeyInUseHandler implements ExceptionHandler<IdempotencyKeyInUse, HttpResponse<?>> {

    static final String TYPE = "https://tributary.dev/problems/idempotency-key-in-use";

    @Override
    public HttpResponse<?> handle(HttpRequest request, IdempotencyKeyInUse inUse) {
        return HttpResponse.status(HttpStatus.CONFLICT)
                .contentType(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(inUse.retryAfter().toSeconds()))
                .body(new Problem(TYPE, "Idempotency key in use", HttpStatus.CONFLICT.getCode(), inUse.getMessage(),
                        request.getPath(), null, null));
    }
}
