package dev.tributary.query.paging;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** A cursor this service did not hand out is the client's mistake: 400, saying so. */
@Singleton
@Requires(classes = Cursor.InvalidCursor.class)
final class InvalidCursorHandler implements ExceptionHandler<Cursor.InvalidCursor, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> errors;

    InvalidCursorHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, Cursor.InvalidCursor exception) {
        return errors.processResponse(ErrorContext.builder(request).cause(exception).errorMessage(exception.getMessage()).build(),
                HttpResponse.badRequest());
    }
}
