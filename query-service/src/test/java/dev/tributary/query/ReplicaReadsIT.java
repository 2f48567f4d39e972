package dev.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.embedded.LocalPostgres;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The query service with a streaming hot-standby replica for reports ({@code datasources.reports}).
 * The replica's WAL replay is paused to make it lag for real. A read-your-writes wait goes by the
 * positions of the database that will answer, so a lagging replica makes reports wait, and answer
 * 503 rather than data from before the write; app reads stay on the primary.
 */
class ReplicaReadsIT {

    private static LocalPostgres primary;
    private static LocalPostgres replica;
    private static QueryFixture query;

    @BeforeAll
    static void start() {
        primary = LocalPostgres.startThrowaway();
        replica = primary.startReplica();
        query = new QueryFixture(primary, Map.of(
                "datasources.reports.url", replica.jdbcUrl(),
                "datasources.reports.username", LocalPostgres.USER,
                "datasources.reports.password", "",
                "datasources.reports.maximum-pool-size", 4));
    }

    @AfterAll
    static void stop() {
        query.close();
        replica.close();
        primary.close();
    }

    @BeforeEach
    void holdTheReplicaBack() throws Exception {
        QueryFixture.execute(replica, "SELECT pg_wal_replay_pause()");
    }

    @AfterEach
    void letTheReplicaCatchUp() throws Exception {
        QueryFixture.execute(replica, "SELECT pg_wal_replay_resume()");
    }

    @Test
    void a_report_waits_until_the_replica_has_replayed_the_version_in_its_consistency_token() throws Exception {
        var id = projectCustomer("Barbara Liskov");
        try (var replay = Executors.newSingleThreadScheduledExecutor()) {
            replay.schedule(() -> {
                QueryFixture.execute(replica, "SELECT pg_wal_replay_resume()");
                return null;
            }, 400, TimeUnit.MILLISECONDS);

            var started = Instant.now();
            var response = customerQuery(id, "Customer#" + id + "@1");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("Barbara Liskov");
            assertThat(Duration.between(started, Instant.now())).as("it waited for the replica").isGreaterThanOrEqualTo(Duration.ofMillis(350));
        }
    }

    @Test
    void a_replica_that_stays_behind_answers_503_and_never_data_from_before_the_write() throws Exception {
        var id = projectCustomer("Edsger Dijkstra");

        var response = customerQuery(id, "Customer#" + id + "@1");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(response.body()).doesNotContain("Edsger Dijkstra").contains("has not reached");
    }

    @Test
    void app_reads_stay_on_the_primary_while_the_replica_lags() throws Exception {
        var id = projectCustomer("Tony Hoare");

        var response = query.send(query.request("/customers/" + id, query.token("reader"))
                .header("Consistency-Token", "Customer#" + id + "@1"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("Tony Hoare");
    }

    @Test
    void a_report_without_a_token_reads_the_replica_as_it_stands() throws Exception {
        var id = projectCustomer("Grace Hopper");

        var response = customerQuery(id, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");
    }

    /** What the projector commits for a registration: the row and the position, then NOTIFY. */
    private static UUID projectCustomer(String name) throws Exception {
        var id = UUID.randomUUID();
        QueryFixture.execute(primary, "INSERT INTO customers (customer_id, name, email, registered_at, updated_at, version) "
                        + "VALUES ('" + id + "', '" + name + "', '" + id + "@example.com', now(), now(), 1)",
                "INSERT INTO projection_position (aggregate, version) VALUES ('Customer#" + id + "', 1)",
                "SELECT pg_notify('projection_advanced', 'test')");
        return id;
    }

    private static HttpResponse<String> customerQuery(UUID id, String consistencyToken) throws Exception {
        var request = query.request("/query", query.token("analyst")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"table":"customers","fields":["name"],"filters":[{"field":"customer_id","op":"=","value":"%s"}]}""".formatted(id)));
        if (consistencyToken != null) {
            request.header("Consistency-Token", consistencyToken);
        }
        return query.send(request);
    }
}
