package dev.tributary.kit.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request that failed because the database could not be reached, or its session was ended under it
 * (an outage, a failover, a terminated backend), gets {@code 503} with {@code Retry-After}: the
 * request was fine and a retry shortly may succeed. Every other unexpected failure stays a logged 500.
 */
@Produces
@Singleton
final class DatabaseUnavailableHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);

    private final ErrorResponseProcessor<?> errors;

    DatabaseUnavailableHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException exception) {
        if (unavailable(exception)) {
            LOG.warn("{} {}: the database is unavailable: {}", request.getMethod(), request.getPath(), exception.toString());
            return errors.processResponse(ErrorContext.builder(request).cause(exception)
                            .errorMessage("the database is unavailable for the moment; retry shortly").build(),
                    HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5"));
        }
        LOG.error("{} {} failed", request.getMethod(), request.getPath(), exception);
        return errors.processResponse(ErrorContext.builder(request).cause(exception).build(), HttpResponse.serverError());
    }

    /** Connection failures (SQLSTATE class 08), a pool that gave no connection, or an ended session (57P01–57P03). */
    static boolean unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }
}
