package dev.tributary.command.http;

import dev.tributary.command.eventstore.ConcurrencyConflict;
import dev.tributary.command.handling.CommandRejected;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** Domain refusals become 409 problems that say why and name the current state. */
final class RejectionHandlers {

    private RejectionHandlers() {
    }

    static HttpResponse<?> conflict(ErrorResponseProcessor<?> errors, HttpRequest<?> request, RuntimeException e) {
        return errors.processResponse(
                ErrorContext.builder(request).cause(e).errorMessage(e.getMessage()).build(),
                HttpResponse.status(HttpStatus.CONFLICT));
    }

    @Produces
    @Singleton
    @Requires(classes = {CommandRejected.class, ExceptionHandler.class})
    static final class Rejected implements ExceptionHandler<CommandRejected, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> errors;

        Rejected(ErrorResponseProcessor<?> errors) {
            this.errors = errors;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, CommandRejected e) {
            return conflict(errors, request, e);
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {ConcurrencyConflict.class, ExceptionHandler.class})
    static final class Conflict implements ExceptionHandler<ConcurrencyConflict, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> errors;

        Conflict(ErrorResponseProcessor<?> errors) {
            this.errors = errors;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ConcurrencyConflict e) {
            return conflict(errors, request, e);
        }
    }
}
