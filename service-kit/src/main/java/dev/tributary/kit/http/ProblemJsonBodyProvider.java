package dev.tributary.kit.http;

import dev.tributary.domain.DomainRejection;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Makes every JSON error Micronaut produces (bad JSON, failed validation, 404, 413, our own
 * exception handlers) an {@code application/problem+json} document.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
final class ProblemJsonBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        if (response.code() >= 500 && (context.getRootCause().isPresent() || context.getErrors().isEmpty())) {
            return new Problem("about:blank", response.reason(), response.code(),
                    "the server failed to handle the request; it has been logged", context.getRequest().getPath(),
                    null, null);
        }
        List<Problem.FieldProblem> errors = context.getErrors().stream()
                .map(e -> ClientMessages.rewrite(e.getPath().map(ProblemJsonBodyProvider::field).orElse(null), e.getMessage()))
                .map(r -> new Problem.FieldProblem(r.field(), r.message()))
                .toList();
        String detail = errors.isEmpty() ? null : errors.size() == 1 ? errors.getFirst().message()
                : errors.size() + " problems with the request; see errors";
        String currentState = context.getRootCause()
                .filter(DomainRejection.class::isInstance)
                .map(t -> ((DomainRejection) t).currentState())
                .orElse(null);
        return new Problem(
                "about:blank",
                response.reason(),
                response.code(),
                detail,
                context.getRequest().getPath(),
                currentState,
                errors.size() > 1 || errors.stream().anyMatch(e -> e.field() != null) ? errors : null);
    }

    @Override
    public String contentType() {
        return Problem.MEDIA_TYPE;
    }

    /** Paths look like {@code /request} or {@code register.request.name}; clients know the last part. */
    private static String field(String path) {
        int separator = Math.max(path.lastIndexOf('.'), path.lastIndexOf('/'));
        String field = separator < 0 ? path : path.substring(separator + 1);
        return field.isEmpty() || "request".equals(field) || "body".equals(field) ? null : field;
    }
}
