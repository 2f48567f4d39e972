package dev.tributary.kit.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

@Produces
@Singleton
final class InvalidRequestHandler implements ExceptionHandler<InvalidRequest, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> errors;

    InvalidRequestHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, InvalidRequest invalid) {
        return errors.processResponse(ErrorContext.builder(request).cause(invalid).errorMessage(invalid.getMessage()).build(),
                HttpResponse.badRequest());
    }
}
