package dev.tributary.projector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.projector.stream.ProjectorStatus;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StreamProjectionIT {

    private static ProjectorFixture fixture;
    private static ProjectorStatus status;

    @BeforeAll
    static void start() {
        fixture = new ProjectorFixture();
        status = fixture.startProjector().getBean(ProjectorStatus.class);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void an_event_appended_to_the_events_table_reaches_the_read_model_with_its_position() throws Exception {
        var id = UUID.randomUUID();
        var event = ProjectorFixture.registered(id, "Grace Hopper");

        fixture.append(event);

        awaitRow("SELECT name, email, version FROM customers WHERE customer_id = '" + id + "'");
        try (var c = ProjectorFixture.postgres()) {
            var customer = c.createStatement().executeQuery(
                    "SELECT name, email, registered_at, version FROM customers WHERE customer_id = '" + id + "'");
            assertThat(customer.next()).isTrue();
            assertThat(customer.getString("name")).isEqualTo("Grace Hopper");
            assertThat(customer.getString("email")).isEqualTo("grace.hopper@example.com");
            assertThat(customer.getObject("registered_at", java.time.OffsetDateTime.class).toInstant()).isEqualTo(event.occurredAt());
            var position = c.createStatement().executeQuery(
                    "SELECT version FROM projection_position WHERE aggregate = 'Customer#" + id + "'");
            assertThat(position.next()).isTrue();
            assertThat(position.getLong(1)).isEqualTo(1);
        }
        assertThat(status.snapshot().consuming()).isTrue();
        assertThat(status.snapshot().shards().getFirst().eventsApplied()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void events_written_while_the_projector_runs_all_arrive_in_one_or_more_batches() throws Exception {
        var ids = new java.util.ArrayList<UUID>();
        for (int i = 0; i < 50; i++) {
            var id = UUID.randomUUID();
            ids.add(id);
            fixture.append(ProjectorFixture.registered(id, "Customer " + i));
        }
        var list = String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
        awaitCount("SELECT count(*) FROM customers WHERE customer_id IN (" + list + ")", 50);
    }

    private static void awaitRow(String sql) throws Exception {
        awaitCount("SELECT count(*) FROM (" + sql + ") q", 1);
    }

    private static void awaitCount(String sql, long expected) throws Exception {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        long count = -1;
        while (Instant.now().isBefore(deadline)) {
            try (var c = ProjectorFixture.postgres()) {
                ResultSet rs = c.createStatement().executeQuery(sql);
                rs.next();
                count = rs.getLong(1);
                if (count == expected) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        assertThat(count).as("rows for " + sql + " within 60 s").isEqualTo(expected);
    }
}
