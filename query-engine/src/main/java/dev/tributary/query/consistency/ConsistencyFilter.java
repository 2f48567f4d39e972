package dev.tributary.query.consistency;

import dev.tributary.events.EventTypes;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Read-your-writes. A request that carries the {@code Consistency-Token} a command answered with
 * ({@code <aggregate>@<version>}) is held, up to {@code tributary.query.consistency-wait} (2 s by
 * default), until the projector's work has reached that version in the database that will answer
 * (the reports replica for {@link ReadsReports} routes); if it has not by then, the answer is 503
 * with {@code Retry-After}. Every answer carries {@code Tributary-Fresh-As-Of}: the newest event
 * time that database reflects.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ConsistencyFilter implements Ordered {

    static final String TOKEN = "Consistency-Token";
    static final String FRESH_AS_OF = "Tributary-Fresh-As-Of";
    private static final Pattern FORMAT = Pattern.compile("([A-Z][A-Za-z0-9]{0,39})#[0-9a-fA-F-]{36}@([1-9][0-9]{0,17})");

    private final Databases databases;
    private final ErrorResponseProcessor<?> errors;
    private final Duration wait;

    ConsistencyFilter(Databases databases, ErrorResponseProcessor<?> errors,
                      @Value("${tributary.query.consistency-wait:2s}") Duration wait) {
        this.databases = databases;
        this.errors = errors;
        this.wait = wait;
    }

    /** After authentication, so a request without a valid token is refused before it waits. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    /** Waits on a virtual thread; the wait itself holds no connection. Null lets the request through. */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> awaitProjection(HttpRequest<?> request) {
        String token = request.getHeaders().get(TOKEN);
        if (token == null) {
            return null;
        }
        var matcher = FORMAT.matcher(token.strip());
        if (!matcher.matches() || EventTypes.aggregateType(matcher.group(1)).isEmpty()) {
            return problem(request, HttpResponse.badRequest(),
                    "the Consistency-Token header must be what a command answered with: <Aggregate>#<id>@<version>, where <Aggregate> is one of "
                            + String.join(", ", new java.util.TreeSet<>(EventTypes.aggregateTypeNames())));
        }
        String aggregate = token.strip().substring(0, token.strip().lastIndexOf('@'));
        long version = Long.parseLong(matcher.group(2));
        if (answering(request).watcher().await(aggregate, version, wait).join()) {
            return null;
        }
        return problem(request, HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1"),
                "the read model has not reached " + token.strip() + " within " + wait.toMillis() + " ms; retry shortly");
    }

    @ResponseFilter
    void stampFreshness(HttpRequest<?> request, MutableHttpResponse<?> response) {
        var fresh = answering(request).watcher().freshAsOf();
        if (fresh != null) {
            response.header(FRESH_AS_OF, fresh.toString());
        }
    }

    /** The database the matched route reads: the reports database for {@link ReadsReports} routes. */
    private Databases.Database answering(HttpRequest<?> request) {
        boolean reports = RouteAttributes.getRouteMatch(request)
                .map(route -> route.getAnnotationMetadata().hasAnnotation(ReadsReports.class))
                .orElse(false);
        return reports ? databases.reports() : databases.primary();
    }

    private HttpResponse<?> problem(HttpRequest<?> request, MutableHttpResponse<?> response, String detail) {
        return errors.processResponse(ErrorContext.builder(request).errorMessage(detail).build(), response);
    }
}
