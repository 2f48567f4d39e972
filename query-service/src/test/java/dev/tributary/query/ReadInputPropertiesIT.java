package dev.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every GET route the query service serves, taken from its router, so a new domain's reads and reports
 * are covered with no change here, called with values nobody listed in its path variables and query
 * parameters (some left out, some given twice): the answer is never a 5xx, and a 4xx is a problem
 * ({@code application/problem+json}). App reads keep answering after each call.
 */
class ReadInputPropertiesIT {

    /** Not reads: the page and its scripts, the API's description, and health, which is 503 by design when the pipe is down. */
    private static final List<String> NOT_READS = List.of("/dashboard", "/swagger", "/health", "/webjars");
    private static final Set<Class<?>> NOT_PARAMETERS = Set.of(HttpRequest.class, java.security.Principal.class,
            io.micronaut.security.authentication.Authentication.class);

    private static QueryFixture query;
    private static List<Route> routes;

    /** A GET route: its template, its path variables and its query parameters. */
    record Route(String template, List<String> pathVariables, List<String> queryParameters) {
    }

    /** One call: the path with its variables filled in, and the query string. */
    record Call(String path, String queryString) {
    }

    @BeforeContainer
    static void start() {
        query = QueryFixture.shared();
        var found = new ArrayList<Route>();
        query.context().getBean(Router.class).uriRoutes()
                .filter(r -> r.getHttpMethod() == HttpMethod.GET)
                .forEach(r -> {
                    String template = r.getUriMatchTemplate().toPathString();
                    if (NOT_READS.stream().noneMatch(template::startsWith)) {
                        found.add(route(r, template));
                    }
                });
        routes = List.copyOf(found);
        assertThat(routes).as("the reads and reports of every domain, and the pipe's")
                .extracting(Route::template)
                .contains("/customers/{id}", "/reports/revenue", "/accounts/{id}", "/reports/transfer-volume", "/reports/builds");
    }

    private static Route route(UriRouteInfo<?, ?> route, String template) {
        var variables = route.getUriMatchTemplate().getVariableNames();
        var parameters = Arrays.stream(route.getTargetMethod().getArguments())
                .filter(a -> NOT_PARAMETERS.stream().noneMatch(t -> t.isAssignableFrom(a.getType())))
                .map(io.micronaut.core.type.Argument::getName)
                .filter(name -> !variables.contains(name))
                .toList();
        return new Route(template, List.copyOf(variables), parameters);
    }

    @Property(tries = 400)
    @net.jqwik.api.statistics.StatisticsReport(net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode.OFF)
    void any_values_in_any_read_get_an_answer_or_a_4xx_problem_never_a_5xx(@ForAll("calls") Call call) throws Exception {
        String target = call.path() + (call.queryString().isEmpty() ? "" : "?" + call.queryString());
        var response = query.get(target, query.token("reader", "analyst", "admin"));

        net.jqwik.api.statistics.Statistics.collect(response.statusCode() / 100 + "xx");
        assertThat(response.statusCode()).as("GET %s -> %s", target, response.body()).isLessThan(500);
        if (response.statusCode() >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).as("GET %s -> %s", target, response.body())
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
        assertThat(query.get("/products?limit=1").statusCode()).isEqualTo(200);
        net.jqwik.api.statistics.Statistics.coverage(coverage -> {
            coverage.check("2xx").percentage(p -> p > 5);
            coverage.check("4xx").percentage(p -> p > 20);
        });
    }

    @Provide
    Arbitrary<Call> calls() {
        return Arbitraries.of(routes).flatMap(route -> Combinators.combine(
                        values().list().ofSize(route.pathVariables().size()),
                        parameters(route))
                .as((pathValues, queryString) -> new Call(fill(route, pathValues), queryString)));
    }

    private static String fill(Route route, List<String> values) {
        String path = route.template();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i).isEmpty() ? "x" : values.get(i);
            path = path.replace("{" + route.pathVariables().get(i) + "}", encode(value).replace("+", "%20"));
        }
        return path;
    }

    /** Each parameter left out, given once, or given twice, with any value. */
    private Arbitrary<String> parameters(Route route) {
        if (route.queryParameters().isEmpty()) {
            return Arbitraries.just("");
        }
        return values().list().ofSize(route.queryParameters().size() * 2)
                .flatMap(values -> Arbitraries.integers().between(0, 2).list().ofSize(route.queryParameters().size()).map(times -> {
                    var pairs = new LinkedHashMap<String, List<String>>();
                    for (int i = 0; i < times.size(); i++) {
                        String name = route.queryParameters().get(i);
                        for (int t = 0; t < times.get(i); t++) {
                            pairs.computeIfAbsent(name, n -> new ArrayList<>()).add(values.get(2 * i + t));
                        }
                    }
                    var query = new StringBuilder();
                    for (Map.Entry<String, List<String>> pair : pairs.entrySet()) {
                        for (String value : pair.getValue()) {
                            query.append(query.isEmpty() ? "" : "&").append(encode(pair.getKey())).append('=').append(encode(value));
                        }
                    }
                    return query.toString();
                }));
    }

    /** Values of the kinds reads take, valid and not, and anything at all. */
    private static Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "EUR", "XPT", "eur", "EURO", "units", "revenue", "day", "month", "week", "placed", "paid",
                        "2026-12-07", "2026-02-30", "0000-01-01", "9999-12-31", "+999999999-12-31", "2026-12-07T10:00:00Z",
                        "1", "0", "-1", "10", "1000", "1001", "2147483648", "-9223372036854775809", "1e309", "NaN", "0x10", "1.5",
                        "true", "null", "' OR 1=1 --", "%", "\\", "\u0000", "\ud800", "😀", "ｅｕｒ", "a".repeat(5000)),
                Arbitraries.create(() -> java.util.UUID.randomUUID().toString()),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.integers().between(-3650, 3650).map(days -> java.time.LocalDate.now().plusDays(days).toString()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
