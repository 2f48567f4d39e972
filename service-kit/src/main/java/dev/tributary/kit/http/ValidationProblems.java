package dev.tributary.kit.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.Comparator;
import java.util.Optional;

/** Failed bean validation becomes a 400 problem with one entry per field, named as the client sent it. */
@Produces
@Singleton
@Replaces(ConstraintExceptionHandler.class)
@Requires(classes = ConstraintViolationException.class)
final class ValidationProblems implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> errors;

    ValidationProblems(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException exception) {
        var context = ErrorContext.builder(request).cause(exception);
        exception.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> field(v)))
                .forEach(v -> context.error(new FieldError(field(v), v.getMessage())));
        return errors.processResponse(context.build(), HttpResponse.badRequest());
    }

    private static String field(ConstraintViolation<?> violation) {
        String field = null;
        for (Path.Node node : violation.getPropertyPath()) {
            field = node.getName();
        }
        return field;
    }
}
