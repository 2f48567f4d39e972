package dev.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Analysts' queries run two at once per caller and four in all (half of the pool of 8); each slow query
 * here runs until the fixture's 1 s timeout cancels it.
 */
class AnalystConcurrencyIT {

    private static final String SLOW = "SELECT count(*) FROM generate_series(1, 10000000000) AS slow";
    private static QueryFixture query;

    @BeforeAll
    static void start() {
        query = QueryFixture.shared();
    }

    @Test
    void a_caller_runs_two_queries_at_once_and_a_third_is_a_429_problem_with_retry_after() throws Exception {
        var running = slow("alice", "alice");
        Thread.sleep(300);

        var third = query.sql("alice", "application/json", "SELECT 1");

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(third.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(third.body()).contains("2 queries running");
        assertThat(query.sql("bob", "application/json", "SELECT 1").statusCode()).as("another caller").isEqualTo(200);
        assertThat(done(running)).allSatisfy(r -> assertThat(r.body()).contains("cancelled"));
        assertThat(query.sql("alice", "application/json", "SELECT 1").statusCode()).as("the slots are given back").isEqualTo(200);
    }

    @Test
    void beyond_the_analysts_share_of_the_pool_queries_are_refused_and_app_reads_still_answer() throws Exception {
        var running = slow("carol", "carol", "dave", "dave");
        Thread.sleep(300);

        var fifth = query.sql("erin", "application/json", "SELECT 1");

        assertThat(fifth.statusCode()).isEqualTo(429);
        assertThat(fifth.body()).contains("every connection");
        for (int i = 0; i < 10; i++) {
            assertThat(query.get("/products?limit=1").statusCode()).as("app read " + i).isEqualTo(200);
        }
        assertThat(query.get("/health", null).statusCode()).isEqualTo(200);
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
