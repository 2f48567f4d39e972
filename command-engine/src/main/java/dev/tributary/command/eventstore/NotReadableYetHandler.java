package dev.tributary.command.eventstore;

import dev.tributary.eventstore.NotReadableYet;
import dev.tributary.kit.http.Problem;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command on an aggregate whose history holds an event this version cannot read yet (a newer
 * version of the service wrote it: a rolling deploy in progress) is not decided half understood: 503
 * with a problem of its own type that names the aggregate and the event, and {@code Retry-After}.
 * Nothing is written; the newer version decides it.
 */
@Produces
@Singleton
final class NotReadableYetHandler implements ExceptionHandler<NotReadableYet, HttpResponse<?>> {

    static final String TYPE = "https://tributary.dev/problems/event-from-a-newer-version";
    private static final Logger LOG = LoggerFactory.getLogger(NotReadableYetHandler.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, NotReadableYet newer) {
        LOG.warn("{} {}: {}", request.getMethod(), request.getPath(), newer.getMessage());
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(new Problem(TYPE, "Event from a newer version", HttpStatus.SERVICE_UNAVAILABLE.getCode(),
                        newer.getMessage(), request.getPath(), null, null));
    }
}
