package dev.tributary.projector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.embedded.SharedLocalInfra;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The health row a killed worker leaves for a shard that is over (its lease gone) is removed, so the query
 * service's {@code /health} does not stay DOWN for good; rows still being renewed, and rows not yet silent,
 * stay.
 */
class EndedShardsIT {

    @Test
    void a_killed_workers_row_for_a_shard_that_is_over_is_removed_and_live_and_recent_rows_stay() throws Exception {
        try (var fixture = new ProjectorFixture(SharedLocalInfra.postgres().createDatabase("ended_shards"))) {
            fixture.startProjector(Map.of("tributary.projector.ended-shards-check", "300ms"));
            UUID customer = UUID.randomUUID();
            fixture.append(ProjectorFixture.registered(customer, "Shard Watcher"));
            ProjectorFixture.await(() -> fixture.count("SELECT count(*) FROM customers WHERE customer_id = '" + customer + "'") == 1);
            ProjectorFixture.await(() -> fixture.count("SELECT count(*) FROM tributary_control.shard_health") == 1);

            try (var c = fixture.database(); var s = c.createStatement()) {
                s.execute("INSERT INTO tributary_control.shard_health (shard_id, worker, state, lag_millis, reported_at) VALUES "
                        + "('shardId-over-1', 'killed-host/4242', 'applying', 900, now() - interval '5 minutes'), "
                        + "('shardId-over-2', 'killed-host/4242', 'caught-up', 0, now() - interval '10 seconds')");
            }

            ProjectorFixture.await(() -> fixture.count("SELECT count(*) FROM tributary_control.shard_health "
                    + "WHERE shard_id = 'shardId-over-1'") == 0);
            assertThat(fixture.count("SELECT count(*) FROM tributary_control.shard_health WHERE shard_id = 'shardId-over-2'"))
                    .as("not silent for a minute yet").isEqualTo(1);
            assertThat(fixture.count("SELECT count(*) FROM tributary_control.shard_health WHERE worker LIKE 'test-worker/%'"))
                    .as("the live shard's row").isEqualTo(1);
        }
    }
}
