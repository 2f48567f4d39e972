package dev.tributary.projector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.embedded.LocalPostgres;
import dev.tributary.embedded.Ports;
import dev.tributary.projector.stream.ProjectorStatus;
import dev.tributary.projector.stream.ShardStatus;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The projector against a Postgres of its own, which the test stops for 30 seconds while events keep coming. */
class PostgresOutageIT {

    @TempDir
    static Path data;
    private static int port;
    private static LocalPostgres postgres;
    private static ProjectorFixture fixture;
    private static ProjectorStatus status;

    @BeforeAll
    static void start() {
        port = Ports.free();
        postgres = LocalPostgres.start(port, data);
        fixture = new ProjectorFixture(postgres.jdbcUrl());
        status = fixture.startProjector().getBean(ProjectorStatus.class);
    }

    @AfterAll
    static void stop() {
        fixture.close();
        postgres.close();
    }

    @Test
    void postgres_down_for_30_seconds_loses_nothing_and_the_projector_catches_up() throws Exception {
        for (int i = 0; i < 20; i++) {
            fixture.append(ProjectorFixture.registered(UUID.randomUUID(), "Before " + i));
        }
        awaitCustomers(20, Duration.ofSeconds(60));

        postgres.close();
        var down = Instant.now();
        for (int i = 0; i < 50; i++) {
            fixture.append(ProjectorFixture.registered(UUID.randomUUID(), "During " + i));
            Thread.sleep(500);
        }
        Thread.sleep(Math.max(0, Duration.ofSeconds(30).minus(Duration.between(down, Instant.now())).toMillis()));
        postgres = LocalPostgres.start(port, data);

        awaitCustomers(70, Duration.ofSeconds(60));
        assertThat(status.snapshot().shards()).extracting(ShardStatus::retries).allMatch(retries -> retries > 0);
        assertThat(count("SELECT count(*) FROM dead_letter")).as("an outage parks nothing").isZero();
        assertThat(count("SELECT sum(version) FROM projection_position")).isEqualTo(70);
    }

    private static void awaitCustomers(long expected, Duration timeout) throws Exception {
        var deadline = Instant.now().plus(timeout);
        long count = -1;
        while (Instant.now().isBefore(deadline)) {
            count = count("SELECT count(*) FROM customers");
            if (count == expected) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(count).as("customers projected within " + timeout.toSeconds() + " s").isEqualTo(expected);
    }

    private static long count(String sql) throws Exception {
        try (var c = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER, "")) {
            var rows = c.createStatement().executeQuery(sql);
            rows.next();
            return rows.getLong(1);
        }
    }
}
