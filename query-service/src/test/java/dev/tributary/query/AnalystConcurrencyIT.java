package dev.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import dev.tributary.embedded.SharedLocalInfra;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Analysts' queries run two at once per caller and four in all (half of the pool of 8). Each slow query here
 * runs until the test has seen it running and probed, then cancels it; a service of its own gives them a
 * timeout long enough for that on a busy machine.
 */
class AnalystConcurrencyIT {

    private static final String SLOW = "SELECT count(*) FROM generate_series(1, 10000000000) AS slow";
    private static final String RUNNING_SLOW = "state = 'active' AND query LIKE '%generate_series(1, 10000000000) AS slow%'";
    private static QueryFixture query;

    @BeforeAll
    static void start() {
        query = new QueryFixture(SharedLocalInfra.postgres(), Map.of("tributary.query.sql-timeout", "60s"));
    }

    @AfterAll
    static void stop() {
        query.close();
    }

    @Test
    void a_caller_runs_two_queries_at_once_and_a_third_is_a_429_problem_with_retry_after() throws Exception {
        var running = slow("alice", "alice");
        QueryFixture.awaitBackends(RUNNING_SLOW, 2, null);

        var third = query.sql("alice", "application/json", "SELECT 1");

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(third.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(third.body()).contains("2 queries running");
        assertThat(query.sql("bob", "application/json", "SELECT 1").statusCode()).as("another caller").isEqualTo(200);
        QueryFixture.awaitBackends(RUNNING_SLOW, 2, "pg_cancel_backend");
        assertThat(done(running)).allSatisfy(r -> assertThat(r.body()).contains("cancelled"));
        assertThat(query.sql("alice", "application/json", "SELECT 1").statusCode()).as("the slots are given back").isEqualTo(200);
    }

    @Test
    void beyond_the_analysts_share_of_the_pool_queries_are_refused_and_app_reads_still_answer() throws Exception {
        var running = slow("carol", "carol", "dave", "dave");
        QueryFixture.awaitBackends(RUNNING_SLOW, 4, null);

        var fifth = query.sql("erin", "application/json", "SELECT 1");

        assertThat(fifth.statusCode()).isEqualTo(429);
        assertThat(fifth.body()).contains("every connection");
        for (int i = 0; i < 10; i++) {
            assertThat(query.get("/products?limit=1").statusCode()).as("app read " + i).isEqualTo(200);
        }
        assertThat(query.get("/health", null).statusCode()).isEqualTo(200);
        QueryFixture.awaitBackends(RUNNING_SLOW, 4, "pg_cancel_backend");
        done(running);
    }

    private static List<CompletableFuture<HttpResponse<String>>> slow(String... callers) {
        return Stream.of(callers).map(caller -> CompletableFuture.supplyAsync(() -> {
            try {
                return query.sql(caller, "application/json", SLOW);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).toList();
    }

    private static List<HttpResponse<String>> done(List<CompletableFuture<HttpResponse<String>>> running) {
        return running.stream().map(CompletableFuture::join).toList();
    }
}
