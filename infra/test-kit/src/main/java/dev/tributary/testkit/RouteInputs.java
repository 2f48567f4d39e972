package dev.tributary.testkit;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Calls to the routes a service's router serves, with values nobody listed in their path variables and query
 * parameters: each parameter left out, given once, or given twice. Read from the router, so a new domain's
 * routes are covered by every property test that uses this, with no change to it.
 */
public final class RouteInputs {

    /** Arguments the framework fills in, not the caller. */
    private static final Set<String> FRAMEWORK_ARGUMENTS = Set.of("io.micronaut.http.HttpRequest", "java.security.Principal",
            "io.micronaut.security.authentication.Authentication");

    private RouteInputs() {
    }

    /** A route: its method, its template, its path variables and the query parameters its method takes. */
    public record Route(HttpMethod method, String template, List<String> pathVariables, List<String> queryParameters) {
    }

    /** One call: the method, the path with its variables filled in, and the query string. */
    public record Call(HttpMethod method, String path, String queryString) {

        /** The path and query string, as a request names them. */
        public String target() {
            return path + (queryString.isEmpty() ? "" : "?" + queryString);
        }

        @Override
        public String toString() {
            return method + " " + target();
        }
    }

    /** The routes of {@code methods} whose template {@code included} accepts. */
    public static List<Route> routes(Router router, Set<HttpMethod> methods, Predicate<String> included) {
        return router.uriRoutes()
                .filter(r -> methods.contains(r.getHttpMethod()))
                .filter(r -> included.test(r.getUriMatchTemplate().toPathString()))
                .map(RouteInputs::route)
                .distinct()
                .toList();
    }

    private static Route route(UriRouteInfo<?, ?> route) {
        var variables = route.getUriMatchTemplate().getVariableNames();
        var parameters = Arrays.stream(route.getTargetMethod().getArguments())
                .filter(a -> !frameworkArgument(a) && !a.getAnnotationMetadata().hasAnnotation(io.micronaut.http.annotation.Body.class))
                .map(Argument::getName)
                .filter(name -> !variables.contains(name))
                .toList();
        return new Route(route.getHttpMethod(), route.getUriMatchTemplate().toPathString(), List.copyOf(variables), parameters);
    }

    private static boolean frameworkArgument(Argument<?> argument) {
        for (Class<?> type = argument.getType(); type != null; type = type.getSuperclass()) {
            if (Stream.concat(Stream.of(type), Arrays.stream(type.getInterfaces())).anyMatch(t -> FRAMEWORK_ARGUMENTS.contains(t.getName()))) {
                return true;
            }
        }
        return false;
    }

    /** Calls to any of {@code routes}, with any of {@code values} in each variable and parameter. */
    public static Arbitrary<Call> calls(List<Route> routes, Arbitrary<String> values) {
        return Arbitraries.of(routes).flatMap(route -> Combinators.combine(
                        values.list().ofSize(route.pathVariables().size()),
                        parameters(route, values))
                .as((pathValues, queryString) -> new Call(route.method(), fill(route, pathValues), queryString)));
    }

    /**
     * Values of the kinds services take, valid and not, and anything at all; {@code known} adds the words
     * the routes under test know (states, names, currencies), so that some calls get past validation.
     */
    public static Arbitrary<String> values(String... known) {
        var words = new ArrayList<>(List.of("", "1", "0", "-1", "10", "1000", "1001", "2147483648", "-9223372036854775809",
                "1e309", "NaN", "0x10", "1.5", "true", "false", "null", "' OR 1=1 --", "%", "\\", "\u0000", "\ud800", "😀",
                "2026-12-07", "2026-02-30", "0000-01-01", "9999-12-31", "+999999999-12-31", "2026-12-07T10:00:00Z", "a".repeat(5000)));
        words.addAll(List.of(known));
        return Arbitraries.oneOf(
                Arbitraries.of(words),
                Arbitraries.create(() -> UUID.randomUUID().toString()),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.integers().between(-3650, 3650).map(days -> LocalDate.now().plusDays(days).toString()));
    }

    private static String fill(Route route, List<String> values) {
        String path = route.template();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i).isEmpty() ? "x" : values.get(i);
            path = path.replace("{" + route.pathVariables().get(i) + "}", encode(value).replace("+", "%20"));
        }
        return path;
    }

    private static Arbitrary<String> parameters(Route route, Arbitrary<String> values) {
        if (route.queryParameters().isEmpty()) {
            return Arbitraries.just("");
        }
        int count = route.queryParameters().size();
        return Combinators.combine(values.list().ofSize(count * 2), Arbitraries.integers().between(0, 2).list().ofSize(count))
                .as((given, times) -> {
                    var pairs = new LinkedHashMap<String, List<String>>();
                    for (int i = 0; i < count; i++) {
                        for (int t = 0; t < times.get(i); t++) {
                            pairs.computeIfAbsent(route.queryParameters().get(i), n -> new ArrayList<>()).add(given.get(2 * i + t));
                        }
                    }
                    var query = new StringBuilder();
                    for (Map.Entry<String, List<String>> pair : pairs.entrySet()) {
                        for (String value : pair.getValue()) {
                            query.append(query.isEmpty() ? "" : "&").append(encode(pair.getKey())).append('=').append(encode(value));
                        }
                    }
                    return query.toString();
                });
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
