package dev.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.testkit.RouteInputs;
import dev.tributary.testkit.RouteInputs.Call;
import dev.tributary.testkit.RouteInputs.Route;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Every GET route the query service serves, taken from its router, so a new domain's reads and reports
 * are covered with no change here, called with values nobody listed in its path variables and query
 * parameters (some left out, some given twice): the answer is never a 5xx, and a 4xx is a problem
 * ({@code application/problem+json}). App reads keep answering after each call.
 */
class ReadInputPropertiesIT {

    /** Not reads: the page and its scripts, the API's description, and health, which is 503 by design when the pipe is down. */
    private static final List<String> NOT_READS = List.of("/dashboard", "/swagger", "/health", "/webjars");

    private static QueryFixture query;
    private static List<Route> routes;

    @BeforeContainer
    static void start() {
        query = QueryFixture.shared();
        routes = RouteInputs.routes(query.context().getBean(Router.class), Set.of(HttpMethod.GET),
                template -> NOT_READS.stream().noneMatch(template::startsWith));
        assertThat(routes).as("the reads and reports of every domain, and the pipe's")
                .extracting(Route::template)
                .contains("/customers/{id}", "/reports/revenue", "/accounts/{id}", "/reports/transfer-volume", "/reports/builds");
    }

    @Property(tries = 400)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void any_values_in_any_read_get_an_answer_or_a_4xx_problem_never_a_5xx(@ForAll("calls") Call call) throws Exception {
        var response = query.get(call.target(), query.token("reader", "analyst", "admin"));

        Statistics.collect(response.statusCode() / 100 + "xx");
        assertThat(response.statusCode()).as("%s -> %s", call, response.body()).isLessThan(500);
        if (response.statusCode() >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).as("%s -> %s", call, response.body())
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
        assertThat(query.get("/products?limit=1").statusCode()).isEqualTo(200);
        Statistics.coverage(coverage -> {
            coverage.check("2xx").percentage(p -> p > 5);
            coverage.check("4xx").percentage(p -> p > 20);
        });
    }

    @Provide
    Arbitrary<Call> calls() {
        return RouteInputs.calls(routes, RouteInputs.values("EUR", "XPT", "eur", "EURO", "ｅｕｒ", "units", "revenue",
                "day", "month", "week", "placed", "paid"));
    }
}
