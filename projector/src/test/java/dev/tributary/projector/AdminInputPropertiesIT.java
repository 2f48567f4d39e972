package dev.tributary.projector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.embedded.SharedLocalInfra;
import dev.tributary.testkit.RouteInputs;
import dev.tributary.testkit.RouteInputs.Call;
import dev.tributary.testkit.RouteInputs.Route;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Every route of the projector's own API (its status, dead letters, rebuilds and management endpoints), taken
 * from its router, called by an admin with values nobody listed in its path variables and query parameters:
 * the answer is never a 5xx, a 4xx is a problem ({@code application/problem+json}), and the projector goes
 * on applying the stream. POSTs carry no body, since none of these routes reads one (see the property).
 * What these calls may do by design, they do for real: a call that happens to name a projection rebuilds
 * it, in a database of this test's own.
 */
class AdminInputPropertiesIT {

    /** Left out: health is 503 by design while a shard stalls, and pausing stops applying by design. */
    private static final List<String> LEFT_OUT = List.of("/health", "/admin/pause", "/admin/resume");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ProjectorFixture fixture;
    private static String admin;
    private static List<Route> routes;

    @BeforeContainer
    static void start() {
        fixture = new ProjectorFixture(SharedLocalInfra.postgres().createDatabase("admin_inputs"));
        var context = fixture.startProjector();
        admin = fixture.token("admin");
        routes = RouteInputs.routes(context.getBean(Router.class), Set.of(HttpMethod.GET, HttpMethod.POST),
                template -> LEFT_OUT.stream().noneMatch(template::startsWith));
        assertThat(routes).as("the projector's own API").extracting(Route::template)
                .contains("/status", "/admin/dead-letters", "/admin/dead-letters/{id}", "/admin/dead-letters/{id}/retry",
                        "/admin/dead-letters/{id}/skip", "/admin/rebuild");
    }

    @AfterContainer
    static void stop() {
        fixture.close();
    }

    /**
     * With a body, a POST whose path the server refuses at once (a dead letter id that is not a number) could
     * lose its 400 on a busy machine: the server answers and closes before the body has arrived, and the reset
     * that unread bytes cause can reach the client before the answer does. No route here reads a body.
     */
    @Property(tries = 300)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void any_values_in_any_projector_route_get_an_answer_or_a_4xx_problem_never_a_5xx(@ForAll("calls") Call call)
            throws Exception {
        var request = HttpRequest.newBuilder(fixture.uri(call.target())).header("Authorization", "Bearer " + admin);
        if (call.method() == HttpMethod.POST) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        }
        var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

        Statistics.collect(response.statusCode() / 100 + "xx");
        assertThat(response.statusCode()).as("%s -> %s", call, response.body()).isLessThan(500);
        if (response.statusCode() >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).as("%s -> %s", call, response.body())
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
        Statistics.coverage(coverage -> {
            coverage.check("2xx").percentage(p -> p > 5);
            coverage.check("4xx").percentage(p -> p > 20);
        });
    }

    /** After all of them, a customer registered now is still projected. */
    @AfterProperty
    void the_projector_still_applies_the_stream() throws Exception {
        UUID customer = UUID.randomUUID();
        fixture.append(ProjectorFixture.registered(customer, "After The Calls"));
        ProjectorFixture.await(() -> fixture.count("SELECT count(*) FROM customers WHERE customer_id = '" + customer + "'") == 1);
    }

    @Provide
    Arbitrary<Call> calls() {
        return RouteInputs.calls(routes, RouteInputs.values("parked", "awaiting-upgrade", "waiting", "skipped", "resolved",
                "Parked", "shop", "ledger", "customer-initials", "4", "16", "64", "65"));
    }
}
