package dev.tributary.kit.http;

import dev.tributary.domain.AggregateNotFound;
import dev.tributary.domain.CommandInvalid;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * The HTTP edge's answers to the exceptions domain code throws, which know nothing of HTTP: a missing
 * aggregate is 404, an invalid command 422 ({@link DomainRejectionHandler} answers rejections with 409).
 */
final class DomainExceptionHandlers {

    private DomainExceptionHandlers() {
    }

    private static HttpResponse<?> problem(ErrorResponseProcessor<?> errors, HttpRequest<?> request, Exception e, HttpStatus status) {
        return errors.processResponse(ErrorContext.builder(request).cause(e).errorMessage(e.getMessage()).build(),
                HttpResponse.status(status));
    }

    @Produces
    @Singleton
    static final class NotFound implements ExceptionHandler<AggregateNotFound, HttpResponse<?>> {

        private final ErrorResponseProcessor<?> errors;

        NotFound(ErrorResponseProcessor<?> errors) {
            this.errors = errors;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, AggregateNotFound e) {
            return problem(errors, request, e, HttpStatus.NOT_FOUND);
        }
    }

    @Produces
    @Singleton
    static final class Invalid implements ExceptionHandler<CommandInvalid, HttpResponse<?>> {

        private final ErrorResponseProcessor<?> errors;

        Invalid(ErrorResponseProcessor<?> errors) {
            this.errors = errors;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, CommandInvalid e) {
            return problem(errors, request, e, HttpStatus.UNPROCESSABLE_ENTITY);
        }
    }
}
