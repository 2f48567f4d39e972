package dev.tributary.projector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.projector.projection.Projection;
import dev.tributary.projector.projection.ProjectedBatch;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProjectionIT {

    private static ProjectorFixture fixture;
    private static Projection projection;

    @BeforeAll
    static void start() {
        fixture = new ProjectorFixture();
        projection = fixture.startReadModelOnly().getBean(Projection.class);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void projector_redelivered_batch_applies_each_event_once() throws Exception {
        var first = UUID.randomUUID();
        var second = UUID.randomUUID();
        var batch = new ProjectedBatch("shard-redelivery", "100", Instant.now(), List.of(
                ProjectorFixture.registered(first, "Ada"), ProjectorFixture.registered(second, "Alan")));

        assertThat(projection.apply(batch)).isEqualTo(2);
        assertThat(projection.apply(batch)).isZero();

        try (var c = ProjectorFixture.postgres()) {
            var rows = c.createStatement().executeQuery("SELECT count(*) FROM customers WHERE customer_id IN ('"
                    + first + "','" + second + "')");
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(2);
        }
    }

    @Test
    void a_batch_records_how_far_its_shard_has_been_applied() throws Exception {
        var at = Instant.parse("2026-11-21T12:00:00Z");
        projection.apply(new ProjectedBatch("shard-progress", "4200", at,
                List.of(ProjectorFixture.registered(UUID.randomUUID(), "Edsger"))));

        try (var c = ProjectorFixture.postgres()) {
            var rows = c.createStatement().executeQuery(
                    "SELECT sequence_number, last_event_at FROM shard_progress WHERE shard_id = 'shard-progress'");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("4200");
            assertThat(rows.getObject(2, java.time.OffsetDateTime.class).toInstant()).isEqualTo(at);
        }
    }
}
