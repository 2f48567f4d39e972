package dev.tributary.projector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.domains.shop.events.CustomerEvent.CustomerRenamed;
import dev.tributary.domains.shop.events.Shop;
import dev.tributary.embedded.SharedLocalInfra;
import dev.tributary.projector.rebuild.Rebuild;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

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
                        Thread.sleep(20);
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
