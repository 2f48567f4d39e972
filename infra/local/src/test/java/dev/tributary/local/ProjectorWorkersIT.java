package dev.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Two projector workers of one KCL application share the lease table. DynamoDB Local's stream has
 * one shard, so one worker holds it and the other stands by. Killing the holder ({@code kill -9})
 * under load moves the shard to the other, which resumes from the last checkpoint; stopping a worker
 * with SIGTERM hands it back the same way. Throughout, events keep arriving, and at the end the read
 * model must hold every event exactly once: each aggregate at its last version and every table equal
 * to a clean rebuild, by checksum.
 */
class ProjectorWorkersIT {

    private static final EventHistories HISTORIES = new EventHistories(7);
    private static final Duration FAILOVER = Duration.ofSeconds(3);
    private static ProjectorHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new ProjectorHarness("workers");
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void a_killed_worker_s_shard_moves_to_the_other_and_no_event_is_lost_or_applied_twice() throws Exception {
        harness.write(HISTORIES.catalog(30, 12));
        var first = worker("worker-a");
        harness.awaitApplied(applied -> applied > 0);
        var second = worker("worker-b");
        assertThat(leaseOwners()).as("the first worker created and holds the shard's lease").containsExactly("worker-a");

        var loading = new AtomicBoolean(true);
        var load = Executors.newSingleThreadExecutor();
        try {
            var writes = load.submit(() -> {
                while (loading.get()) {
                    harness.write(HISTORIES.orders(10));
                    Thread.sleep(100);
                }
                return null;
            });

            awaitMoreApplied(100);
            first.process().kill();
            awaitLeaseOwner("worker-b");
            awaitMoreApplied(100);

            var third = worker("worker-a");
            Readiness.await(third.process(), third.uri("/status"), body -> true, Duration.ofSeconds(90));
            second.process().stop(30);
            awaitLeaseOwner("worker-a");
            awaitMoreApplied(100);

            loading.set(false);
            writes.get(30, TimeUnit.SECONDS);
            try {
                harness.awaitAllApplied();
                assertThat(harness.positions()).as("every aggregate at its last version").isEqualTo(harness.expectedPositions());
                harness.assertEqualsCleanRebuild(third);
            } finally {
                third.process().stop(30);
            }
        } finally {
            loading.set(false);
            load.shutdown();
        }
    }

    private static ProjectorProcess worker(String id) {
        return harness.start(Map.of("tributary.projector.worker-id", id,
                "tributary.projector.failover-time", FAILOVER.toMillis() + "ms",
                "tributary.projector.leader-lease", "6s"));
    }

    /** Waits until {@code more} events beyond those applied now are applied. */
    private static void awaitMoreApplied(long more) throws InterruptedException {
        long target = harness.applied() + more;
        harness.awaitApplied(applied -> applied >= target);
    }

    private static void awaitLeaseOwner(String worker) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (leaseOwners().equals(Set.of(worker))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the shard's lease is held by " + leaseOwners() + ", not " + worker + ", after 120 s");
    }

    /** The owners of the open shards' leases, from the KCL lease table (named for the application). */
    private static Set<String> leaseOwners() {
        var owners = new TreeSet<String>();
        harness.dynamo.scanPaginator(r -> r.tableName(harness.applicationName).consistentRead(true)).items().forEach(lease -> {
            var checkpoint = lease.getOrDefault("checkpoint", AttributeValue.fromS("")).s();
            if (!"SHARD_END".equals(checkpoint) && lease.containsKey("leaseOwner")) {
                owners.add(lease.get("leaseOwner").s());
            }
        });
        return owners;
    }
}
