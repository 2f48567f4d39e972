package dev.tributary.query.analyst;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** A query beyond the analysts' slots: 429 with {@code Retry-After: 1} and a problem saying which limit. */
@Produces
@Singleton
final class BusyHandler implements ExceptionHandler<AnalystSlots.Busy, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> errors;

    BusyHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, AnalystSlots.Busy busy) {
        return errors.processResponse(ErrorContext.builder(request).cause(busy).errorMessage(busy.getMessage()).build(),
                HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "1"));
    }
}
