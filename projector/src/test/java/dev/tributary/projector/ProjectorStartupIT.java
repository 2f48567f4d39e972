package dev.tributary.projector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.embedded.LocalPostgres;
import dev.tributary.embedded.Ports;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A projector started before its Postgres: a restart during an outage, or a stack coming up at once. */
class ProjectorStartupIT {

    @TempDir
    static Path data;

    @Test
    void a_projector_started_before_postgres_waits_for_it_then_migrates_and_projects() throws Exception {
        int port = Ports.free();
        // The server's own database, which exists the moment it accepts connections.
        var jdbcUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (var fixture = new ProjectorFixture(jdbcUrl)) {
            CompletableFuture<ApplicationContext> starting = CompletableFuture.supplyAsync(fixture::startProjector);
            Thread.sleep(3_000);
            assertThat(starting).as("still waiting for Postgres, not failed").isNotDone();

            try (var postgres = LocalPostgres.start(port, data)) {
                assertThat(starting.get(60, TimeUnit.SECONDS).isRunning()).isTrue();
                var id = UUID.randomUUID();
                fixture.append(ProjectorFixture.registered(id, "Late Starter"));
                assertThat(awaitCustomer(postgres, id, Duration.ofSeconds(60))).isTrue();
            }
        }
    }

    private static boolean awaitCustomer(LocalPostgres postgres, UUID id, Duration timeout) throws Exception {
        var deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (var c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), LocalPostgres.USER, "");
                 var rows = c.createStatement().executeQuery("SELECT count(*) FROM customers WHERE customer_id = '" + id + "'")) {
                rows.next();
                if (rows.getLong(1) == 1) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }
}
