package dev.tributary.kit.http;

import dev.tributary.domain.DomainRejection;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

@Produces
@Singleton
final class DomainRejectionHandler implements ExceptionHandler<DomainRejection, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> errors;

    DomainRejectionHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DomainRejection rejection) {
        return errors.processResponse(
                ErrorContext.builder(request).cause(rejection).errorMessage(rejection.getMessage()).build(),
                HttpResponse.status(HttpStatus.CONFLICT));
    }
}
