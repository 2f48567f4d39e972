package dev.tributary.projector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.domains.shop.events.CustomerEvent.CustomerRenamed;
import dev.tributary.domains.shop.events.Shop;
import dev.tributary.embedded.SharedLocalInfra;
import dev.tributary.projector.rebuild.Rebuild;
import dev.tributary.projector.rebuild.RebuildProgress;
import dev.tributary.readmodel.ReadModelSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A projection added to a running read model with history is backfilled alone from the events table,
 * verified and switched in, while every other projection keeps serving reads and applying the live
 * stream; one projection can be rebuilt alone; and a faulty projection being backfilled never stops the
 * live read model. {@link CustomerInitials} is the projection "added".
 */
class ProjectionBackfillIT {

    private static final String STATE = "SELECT count(*) FROM tributary_control.projections WHERE name = 'customer-initials' AND state = ";

    @Test
    void a_projection_added_to_a_read_model_with_history_is_backfilled_alone_and_switched_in_while_the_others_keep_serving()
            throws Exception {
        try (var fixture = new ProjectorFixture(SharedLocalInfra.postgres().createDatabase("backfill_added"))) {
            fixture.startProjector(Map.of("tributary.projector.backfill-new-projections", "false"));
            var customers = registerCustomers(fixture, 300, "Backfill");
            awaitCustomers(fixture, customers);
            deployAsNew(fixture);

            // The next version starts with the projection registered; new customers keep arriving meanwhile.
            var stop = new AtomicBoolean();
            var during = new ArrayList<UUID>();
            var sawBackfilling = new AtomicBoolean();
            var writer = Thread.ofPlatform().start(() -> {
                int i = 0;
                while (!stop.get()) {
                    UUID id = UUID.randomUUID();
                    fixture.append(ProjectorFixture.registered(id, "During " + i++));
                    synchronized (during) {
                        during.add(id);
                    }
                    try {
                        sawBackfilling.compareAndSet(false, fixture.count(STATE + "'backfilling'") == 1);
                        Thread.sleep(100);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            fixture.startProjector();
            ProjectorFixture.await(() -> fixture.count(STATE + "'live'") == 1);
            stop.set(true);
            writer.join();

            assertThat(sawBackfilling).as("the projection was backfilling while customers arrived").isTrue();
            assertThat(fixture.count("SELECT count(*) FROM tributary_control.rebuilds WHERE projection = 'customer-initials' "
                    + "AND state = 'switched'")).isEqualTo(1);
            var all = new ArrayList<>(customers);
            synchronized (during) {
                all.addAll(during);
            }
            awaitCustomers(fixture, all);
            ProjectorFixture.await(() -> initials(fixture, all) == all.size());
            assertThat(fixture.count("SELECT count(*) FROM customer_initials WHERE customer_id = ANY(ARRAY["
                    + quoted(customers) + "]::uuid[]) AND initial = 'B'")).isEqualTo(customers.size());

            // Live again: a rename reaches the new projection through the live stream.
            fixture.append(ProjectorFixture.event(Shop.customer(customers.getFirst()), 2, new CustomerRenamed(customers.getFirst(), "Zed")));
            ProjectorFixture.await(() -> fixture.count("SELECT count(*) FROM customer_initials WHERE customer_id = '"
                    + customers.getFirst() + "' AND initial = 'Z'") == 1);
        }
    }

    @Test
    void a_projection_rebuilt_alone_that_differs_from_the_live_one_is_not_switched_and_one_that_agrees_is() throws Exception {
        try (var fixture = new ProjectorFixture(SharedLocalInfra.postgres().createDatabase("backfill_alone"))) {
            var context = fixture.startProjector(Map.of("tributary.projector.backfill-new-projections", "false"));
            var customers = registerCustomers(fixture, 20, "Alone");
            awaitCustomers(fixture, customers);
            ProjectorFixture.await(() -> initials(fixture, customers) == customers.size());
            var rebuild = context.getBean(Rebuild.class);

            try (var c = fixture.database(); var s = c.createStatement()) {
                s.execute("UPDATE customer_initials SET initial = 'Q' WHERE customer_id = '" + customers.getFirst() + "'");
            }
            var differing = run(rebuild, CustomerInitials.NAME);
            assertThat(differing.state()).isEqualTo("abandoned");
            assertThat(differing.differences()).containsOnlyKeys("customer_initials");

            try (var c = fixture.database(); var s = c.createStatement()) {
                s.execute("UPDATE customer_initials SET initial = 'A' WHERE customer_id = '" + customers.getFirst() + "'");
            }
            long shopRowsBefore = fixture.count("SELECT count(*) FROM customers");
            var agreeing = run(rebuild, CustomerInitials.NAME);
            assertThat(agreeing.state()).as(agreeing.message()).isEqualTo("switched");
            assertThat(agreeing.projection()).isEqualTo(CustomerInitials.NAME);
            assertThat(initials(fixture, customers)).isEqualTo(customers.size());
            assertThat(fixture.count("SELECT count(*) FROM customers")).as("the other projections' tables are untouched")
                    .isGreaterThanOrEqualTo(shopRowsBefore);
        }
    }

    @Test
    void a_projection_that_fails_while_backfilling_abandons_its_backfill_and_never_the_live_stream() throws Exception {
        try (var fixture = new ProjectorFixture(SharedLocalInfra.postgres().createDatabase("backfill_poison"))) {
            fixture.startProjector(Map.of("tributary.projector.backfill-new-projections", "false"));
            var customers = registerCustomers(fixture, 50, "Poison");
            awaitCustomers(fixture, customers);
            deployAsNew(fixture);

            // The new version's projection cannot apply a name that begins with a 9, and one is waiting in the
            // stream and the table as it starts.
            UUID digit = UUID.randomUUID();
            fixture.append(ProjectorFixture.registered(digit, "9 Lives"));
            fixture.startProjector();
            ProjectorFixture.await(() -> fixture.count("SELECT count(*) FROM tributary_control.rebuilds WHERE projection = "
                    + "'customer-initials' AND state = 'abandoned'") == 1);

            var later = registerCustomers(fixture, 10, "Later");
            later.add(digit);
            awaitCustomers(fixture, later);
            assertThat(fixture.count(STATE + "'backfilling'")).as("still backfilling: nothing was switched in").isEqualTo(1);
            assertThat(fixture.count("SELECT count(*) FROM customer_initials")).isZero();
            assertThat(fixture.count("SELECT count(*) FROM dead_letter")).as("the live read model parked nothing").isZero();
        }
    }

    @Test
    void a_backfill_whose_projector_was_killed_is_marked_orphaned_and_done_again_by_the_next_projector() throws Exception {
        try (var fixture = new ProjectorFixture(SharedLocalInfra.postgres().createDatabase("backfill_orphaned"))) {
            fixture.startProjector(Map.of("tributary.projector.backfill-new-projections", "false"));
            var customers = registerCustomers(fixture, 100, "Orphan");
            awaitCustomers(fixture, customers);
            deployAsNew(fixture);

            // What a projector killed in the middle of a backfill leaves behind: the projection backfilling, the
            // build's schema, and the build registered as building, with a heartbeat that stopped two minutes ago.
            String killed = "rebuild_customer_initials_20261207_000000_000";
            ReadModelSchema.migrateInto(fixture.startReadModelOnly().getBean(DataSource.class), killed);
            fixture.stopProjector();
            try (var c = fixture.database(); var s = c.createStatement()) {
                s.execute("INSERT INTO tributary_control.projections (name, state) VALUES ('customer-initials', 'backfilling') "
                        + "ON CONFLICT (name) DO UPDATE SET state = 'backfilling'");
                s.execute("INSERT INTO tributary_control.rebuilds (schema_name, state, projection, worker, phase, heartbeat_at) "
                        + "VALUES ('" + killed + "', 'building', 'customer-initials', 'killed-host/4242', 'scanning', "
                        + "now() - interval '2 minutes')");
            }

            var context = fixture.startProjector(Map.of("tributary.projector.build-check", "500ms"));
            ProjectorFixture.await(() -> fixture.count(STATE + "'live'") == 1);
            var metrics = context.getBean(io.micrometer.core.instrument.MeterRegistry.class);
            assertThat(metrics.get("tributary.projector.builds.orphaned").counter().count()).isEqualTo(1.0);
            ProjectorFixture.await(() -> metrics.get("tributary.projector.backfilling").gauge().value() == 0.0);

            assertThat(fixture.count("SELECT count(*) FROM tributary_control.rebuilds WHERE schema_name = '" + killed
                    + "' AND state = 'orphaned' AND note LIKE '%killed-host/4242%'")).isEqualTo(1);
            assertThat(fixture.count("SELECT count(*) FROM tributary_control.rebuilds WHERE projection = 'customer-initials' "
                    + "AND state = 'switched' AND worker LIKE 'test-worker/%' AND events >= " + customers.size())).isEqualTo(1);
            ProjectorFixture.await(() -> initials(fixture, customers) == customers.size());
        }
    }

    /**
     * Orphaned: a build that kills its projector must not take down one projector after another. Abandoned: a
     * build that still fails must not scan the events table again at every restart of the fleet.
     */
    @ParameterizedTest
    @ValueSource(strings = {"orphaned", "abandoned"})
    void a_backfill_whose_builds_ended_unswitched_three_times_within_the_hour_is_not_started_again_by_a_new_projector(
            String ended) throws Exception {
        try (var fixture = new ProjectorFixture(SharedLocalInfra.postgres().createDatabase("backfill_cap_" + ended))) {
            fixture.startProjector(Map.of("tributary.projector.backfill-new-projections", "false"));
            var customers = registerCustomers(fixture, 10, "Capped");
            awaitCustomers(fixture, customers);
            deployAsNew(fixture);
            try (var c = fixture.database(); var s = c.createStatement()) {
                s.execute("INSERT INTO tributary_control.projections (name, state) VALUES ('customer-initials', 'backfilling') "
                        + "ON CONFLICT (name) DO UPDATE SET state = 'backfilling'");
                for (int i = 1; i <= 3; i++) {
                    s.execute("INSERT INTO tributary_control.rebuilds (schema_name, state, projection, worker, started_at, finished_at) "
                            + "VALUES ('rebuild_customer_initials_killer_" + i + "', '" + ended + "', 'customer-initials', 'host/" + i + "', "
                            + "now() - interval '" + (40 - 10 * i) + " minutes', now() - interval '" + (35 - 10 * i) + " minutes')");
                }
            }

            var context = fixture.startProjector(Map.of("tributary.projector.build-check", "300ms"));
            var metrics = context.getBean(io.micrometer.core.instrument.MeterRegistry.class);
            ProjectorFixture.await(() -> metrics.get("tributary.projector.backfilling.waiting").gauge().value() == 1.0);
            Thread.sleep(2_000); // several checks

            assertThat(fixture.count("SELECT count(*) FROM tributary_control.rebuilds WHERE projection = 'customer-initials' "
                    + "AND state <> '" + ended + "'")).as("no fourth build").isZero();
            assertThat(fixture.count(STATE + "'backfilling'")).isEqualTo(1);
        }
    }

    @Test
    void a_build_that_another_projector_marked_orphaned_is_never_switched_in() throws Exception {
        try (var fixture = new ProjectorFixture(SharedLocalInfra.postgres().createDatabase("backfill_lost"))) {
            var context = fixture.startProjector(Map.of("tributary.projector.backfill-new-projections", "false",
                    "tributary.projector.build-heartbeat", "100ms"));
            var customers = registerCustomers(fixture, 50, "Lost");
            awaitCustomers(fixture, customers);
            ProjectorFixture.await(() -> initials(fixture, customers) == customers.size());
            var rebuild = context.getBean(Rebuild.class);

            // The switch waits for this lock, so the build is still building when it is marked orphaned, as another
            // projector marks it when this one's heartbeat stops long enough (a long outage, a long pause).
            RebuildProgress started;
            try (var holder = fixture.database(); var hold = holder.createStatement()) {
                holder.setAutoCommit(false);
                hold.execute("LOCK TABLE public.projection_position IN SHARE MODE");
                started = rebuild.start(false, 1, CustomerInitials.NAME);
                ProjectorFixture.await(() -> fixture.count("SELECT count(*) FROM tributary_control.rebuilds WHERE schema_name = '"
                        + started.schema() + "'") == 1);
                try (var c = fixture.database(); var s = c.createStatement()) {
                    assertThat(s.executeUpdate("UPDATE tributary_control.rebuilds SET state = 'orphaned' WHERE schema_name = '"
                            + started.schema() + "' AND state = 'building'")).isEqualTo(1);
                }
                holder.commit();
            }
            ProjectorFixture.await(() -> rebuild.current().filter(p -> p.schema().equals(started.schema()) && p.finished()).isPresent());

            var done = rebuild.current().orElseThrow();
            assertThat(done.state()).as(done.message()).isIn("failed", "abandoned");
            assertThat(done.message()).contains("no longer building");
            assertThat(fixture.count("SELECT count(*) FROM tributary_control.rebuilds WHERE schema_name = '" + started.schema()
                    + "' AND state = 'orphaned'")).as("nothing switched it in").isEqualTo(1);
        }
    }

    private static RebuildRun run(Rebuild rebuild, String projection) throws Exception {
        var started = rebuild.start(false, 4, projection);
        ProjectorFixture.await(() -> rebuild.current().filter(p -> p.schema().equals(started.schema()) && p.finished()).isPresent());
        var done = rebuild.current().orElseThrow();
        return new RebuildRun(done.state(), done.projection(), done.differences(), done.message());
    }

    private record RebuildRun(String state, String projection, Map<String, String> differences, String message) {
    }

    /** As after deploying a version that adds the projection: the read model has history, and the projection is new to it. */
    private static void deployAsNew(ProjectorFixture fixture) throws Exception {
        fixture.stopProjector();
        try (var c = fixture.database(); var s = c.createStatement()) {
            s.execute("DELETE FROM tributary_control.projections WHERE name = 'customer-initials'");
            s.execute("TRUNCATE customer_initials");
        }
    }

    private static List<UUID> registerCustomers(ProjectorFixture fixture, int count, String name) {
        var ids = new ArrayList<UUID>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            fixture.append(ProjectorFixture.registered(id, name + " " + i));
            ids.add(id);
        }
        return ids;
    }

    private static void awaitCustomers(ProjectorFixture fixture, List<UUID> ids) throws Exception {
        ProjectorFixture.await(() -> fixture.count("SELECT count(*) FROM customers WHERE customer_id = ANY(ARRAY["
                + quoted(ids) + "]::uuid[])") == ids.size());
    }

    private static long initials(ProjectorFixture fixture, List<UUID> ids) throws Exception {
        return fixture.count("SELECT count(*) FROM customer_initials WHERE customer_id = ANY(ARRAY[" + quoted(ids) + "]::uuid[])");
    }

    private static String quoted(List<UUID> ids) {
        var joined = new StringBuilder();
        for (UUID id : ids) {
            joined.append(joined.isEmpty() ? "" : ",").append('\'').append(id).append('\'');
        }
        return joined.toString();
    }

}
