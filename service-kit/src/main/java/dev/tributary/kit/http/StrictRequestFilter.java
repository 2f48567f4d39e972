package dev.tributary.kit.http;

import dev.tributary.events.StorableText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Holds every request to the rules of {@link StrictJson} before it reaches a controller, in every
 * service: a route that takes a body gets JSON with {@code Content-Type: application/json} (415
 * otherwise) that {@link StrictJson} accepts (400 otherwise), and every query parameter, name and
 * value, is well-formed UTF-8 that is {@link StorableText} (400 otherwise). Nothing was read or
 * written when it refuses.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class StrictRequestFilter implements Ordered {

    private final ErrorResponseProcessor<?> errors;

    StrictRequestFilter(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    /** After authentication, so a caller without a valid token learns that first. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() - 1;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request, @Nullable @Body byte[] body) {
        var problems = queryProblems(request.getUri().getRawQuery());
        if (!problems.isEmpty()) {
            return refuse(request, HttpResponse.badRequest(), problems);
        }
        Optional<Argument<?>> bodyType = bodyType(request);
        if (bodyType.isEmpty() || body == null || body.length == 0) {
            return null;
        }
        var contentType = request.getContentType();
        if (contentType.isEmpty() || !isJson(contentType.get())) {
            return refuse(request, HttpResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE), List.of(new Problem.FieldProblem(null,
                    "send the body as JSON with Content-Type: application/json"
                            + contentType.map(t -> ", not " + StorableText.sanitized(t.toString())).orElse(""))));
        }
        problems = StrictJson.problems(body, bodyType.get());
        return problems.isEmpty() ? null : refuse(request, HttpResponse.badRequest(), problems);
    }

    private static boolean isJson(MediaType type) {
        return type.getType().equals("application")
                && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
    }

    private static Optional<Argument<?>> bodyType(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .filter(MethodBasedRouteMatch.class::isInstance)
                .flatMap(route -> Arrays.stream(((MethodBasedRouteMatch<?, ?>) route).getArguments())
                        .filter(argument -> argument.getAnnotationMetadata().hasAnnotation(Body.class))
                        .<Argument<?>>map(argument -> argument)
                        .findFirst());
    }

    /** Every name and value of the query string, decoded strictly: malformed UTF-8 is refused, not replaced. */
    static List<Problem.FieldProblem> queryProblems(@Nullable String rawQuery) {
        var problems = new ArrayList<Problem.FieldProblem>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return problems;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            String field = name == null ? null : StorableText.sanitized(name);
            if (name == null || value == null) {
                problems.add(new Problem.FieldProblem(field, "the query parameter is not well-formed percent-encoded UTF-8"));
                continue;
            }
            String why = StorableText.problem(name);
            if (why == null) {
                why = StorableText.problem(value);
            }
            if (why != null) {
                problems.add(new Problem.FieldProblem(field, "the query parameter " + why));
            }
        }
        return problems;
    }

    private static String decode(String component) {
        var bytes = new java.io.ByteArrayOutputStream(component.length());
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '%') {
                if (i + 2 >= component.length()) {
                    return null;
                }
                int high = Character.digit(component.charAt(i + 1), 16);
                int low = Character.digit(component.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c > 0x7F) {
                return null;
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private HttpResponse<?> refuse(HttpRequest<?> request, io.micronaut.http.MutableHttpResponse<?> response,
                                   List<Problem.FieldProblem> problems) {
        var context = ErrorContext.builder(request);
        problems.forEach(p -> context.error(new FieldError(p.field(), p.message())));
        return errors.processResponse(context.build(), response);
    }
}
