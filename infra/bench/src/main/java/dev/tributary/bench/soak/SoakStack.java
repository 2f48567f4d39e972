package dev.tributary.bench.soak;

import dev.tributary.embedded.DevTokens;
import dev.tributary.embedded.LocalDynamo;
import dev.tributary.embedded.LocalPostgres;
import dev.tributary.embedded.Ports;
import dev.tributary.eventstore.EventStoreTables;
import dev.tributary.eventstore.TableNames;
import dev.tributary.local.ProjectorProcess;
import dev.tributary.local.Readiness;
import dev.tributary.local.ServiceProcess;
import dev.tributary.readmodel.ReadModelSchema;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole system for the soak, with a handle on every part a fault acts on: DynamoDB Local
 * in-process, a durable Postgres (fsync on) that can be stopped and started on the same port, the
 * command and query services, and any number of projector workers of one KCL application, each a
 * process of its own. Everything lives in a fresh directory.
 */
final class SoakStack implements AutoCloseable {

    private static final String APPLICATION = "tributary-soak";
    private static final Duration READY = Duration.ofSeconds(90);

    private final Path home;
    private final Path data;
    private final PrintStream log;
    private final String secret = DevTokens.newSecret();
    private final int postgresPort = Ports.free();
    private final int commandPort = Ports.free();
    private final int queryPort = Ports.free();
    private final Map<String, ProjectorProcess> workers = new ConcurrentHashMap<>();
    private final java.util.Set<String> retired = ConcurrentHashMap.newKeySet();
    private final LocalDynamo dynamo;
    private final software.amazon.awssdk.services.dynamodb.DynamoDbClient leases;
    private volatile LocalPostgres postgres;
    private ServiceProcess command;
    private ServiceProcess query;

    SoakStack(Path home, PrintStream log) throws Exception {
        this.home = home;
        this.log = log;
        data = Files.createTempDirectory("tributary-soak-");
        dynamo = LocalDynamo.start(Ports.free(), data.resolve("dynamodb"));
        try (var client = dynamo.client()) {
            EventStoreTables.createIfMissing(client, TableNames.DEFAULTS);
        }
        leases = dynamo.client();
        startPostgres();
        ReadModelSchema.migrate(postgres.jdbcUrl(), LocalPostgres.USER, "");
        command = service("command", "command-service", "dev.tributary.command.Application", commandPort,
                Map.of("tributary.dynamodb.endpoint", dynamo.endpoint().toString()));
        startQuery();
        Readiness.await(command, uri(commandPort, "/health"), body -> true, READY);
    }

    String token(String... roles) {
        return DevTokens.token(secret, "soak", List.of(roles), Duration.ofHours(2));
    }

    URI command(String path) {
        return uri(commandPort, path);
    }

    URI query(String path) {
        return uri(queryPort, path);
    }

    String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    LocalDynamo dynamo() {
        return dynamo;
    }

    /**
     * Starts a projector worker with a stable id and waits until it serves HTTP. A worker that exits
     * before that (it cannot migrate while Postgres is down) is started again, as an orchestrator
     * would, for up to two minutes.
     */
    ProjectorProcess startWorker(String id) throws InterruptedException {
        if (retired.contains(id)) {
            return null;
        }
        var deadline = java.time.Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            var worker = ProjectorProcess.start(home, dynamo.endpoint(), TableNames.DEFAULTS, postgres.jdbcUrl(), APPLICATION, secret,
                    Map.of("tributary.projector.worker-id", id,
                            "tributary.projector.failover-time", "3s",
                            "tributary.projector.leader-lease", "6s"),
                    data.resolve("class-data"), log);
            workers.put(id, worker);
            if (retired.contains(id)) {
                kill(id);
                return null;
            }
            try {
                Readiness.await(worker.process(), worker.uri("/health"), body -> true, READY);
                return worker;
            } catch (IllegalStateException exitedEarly) {
                workers.remove(id, worker);
                if (java.time.Instant.now().isAfter(deadline)) {
                    throw exitedEarly;
                }
                log.println("soak: worker " + id + " exited while starting; starting it again in 2 s");
                Thread.sleep(2_000);
            }
        }
    }

    /** {@code kill -9} of a worker's process, which is not started again. */
    void retire(String id) throws InterruptedException {
        retired.add(id);
        kill(id);
    }

    /** {@code kill -9} of a worker's process. */
    void kill(String id) throws InterruptedException {
        var worker = workers.remove(id);
        if (worker != null) {
            worker.process().kill();
        }
    }

    /** The worker that holds the shard's lease now, if one of ours does. */
    java.util.Optional<String> leaseHolder() {
        try {
            return leases.scanPaginator(r -> r.tableName(APPLICATION).consistentRead(true)).items().stream()
                    .filter(lease -> lease.containsKey("leaseOwner"))
                    .filter(lease -> !"SHARD_END".equals(lease.containsKey("checkpoint") ? lease.get("checkpoint").s() : ""))
                    .map(lease -> lease.get("leaseOwner").s())
                    .filter(workers::containsKey)
                    .findFirst();
        } catch (RuntimeException noLeaseTableYet) {
            return java.util.Optional.empty();
        }
    }

    /** The live worker holding the shard's lease, waiting up to {@code timeout} while the lease is in transit. */
    java.util.Optional<String> awaitLeaseHolder(Duration timeout) throws InterruptedException {
        var deadline = java.time.Instant.now().plus(timeout);
        while (true) {
            var holder = leaseHolder();
            if (holder.isPresent() || java.time.Instant.now().isAfter(deadline)) {
                return holder;
            }
            Thread.sleep(250);
        }
    }

    /** Waits until another live worker holds the lease {@code worker} held, or {@code timeout} passes. */
    void awaitLeaseMovedFrom(String worker, Duration timeout) throws InterruptedException {
        var deadline = java.time.Instant.now().plus(timeout);
        while (java.time.Instant.now().isBefore(deadline)) {
            if (leaseHolder().filter(holder -> !holder.equals(worker)).isPresent()) {
                return;
            }
            Thread.sleep(250);
        }
        log.println("soak: the lease did not leave " + worker + " within " + timeout);
    }

    java.util.Set<String> workers() {
        return java.util.Set.copyOf(workers.keySet());
    }

    ProjectorProcess worker(String id) {
        return workers.get(id);
    }

    void stopPostgres() {
        postgres.close();
    }

    void startPostgres() {
        postgres = LocalPostgres.start(postgresPort, data.resolve("postgres"));
    }

    void restartQuery() {
        query.stop(30);
        startQuery();
    }

    private void startQuery() {
        query = service("query", "query-service", "dev.tributary.query.Application", queryPort,
                Map.of("datasources.default.url", postgres.jdbcUrl()));
        Readiness.await(query, uri(queryPort, "/health"), body -> true, READY);
    }

    private ServiceProcess service(String name, String module, String mainClass, int port, Map<String, String> extra) {
        var properties = new java.util.LinkedHashMap<String, String>();
        properties.put("micronaut.server.port", Integer.toString(port));
        properties.putAll(extra);
        return ServiceProcess.start(name, home.resolve(module), mainClass, properties, ServiceProcess.quietLocalEnvironment(secret),
                data.resolve("class-data"), log);
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
        workers.values().forEach(w -> w.process().stop(30));
        if (query != null) {
            query.stop(30);
        }
        if (command != null) {
            command.stop(30);
        }
        postgres.close();
        leases.close();
        dynamo.close();
        try (var paths = Files.walk(data)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            log.println("could not delete " + data + ": " + e);
        }
    }
}
