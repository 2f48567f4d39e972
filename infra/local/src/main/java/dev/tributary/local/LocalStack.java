package dev.tributary.local;

import dev.tributary.embedded.DevTokens;
import dev.tributary.embedded.LocalDynamo;
import dev.tributary.embedded.LocalPostgres;
import dev.tributary.eventstore.EventStoreTables;
import dev.tributary.eventstore.TableNames;
import dev.tributary.readmodel.ReadModelSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole system on one machine, from one command. In order: DynamoDB Local on disk, Postgres
 * with fsync on, the DynamoDB tables, the read-model schema, then the command service, projector
 * and query service, each in its own JVM. Ctrl-C (or SIGTERM) stops them in reverse order.
 */
public final class LocalStack implements AutoCloseable {

    private final LocalSettings settings;
    private final PrintStream out;
    private final long startedNanos = System.nanoTime();
    private final List<ServiceProcess> services = new ArrayList<>();
    private LocalDynamo dynamo;
    private LocalPostgres postgres;
    private String jwtSecret;
    private String devToken;

    public LocalStack(LocalSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) {
        var home = Path.of(System.getProperty("tributary.home", ".")).toAbsolutePath().normalize();
        var stack = new LocalStack(LocalSettings.fromEnvironment(home, System.getenv()), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stop-local-stack"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println("tributary: could not start: " + e.getMessage());
            System.exit(1);
        }
    }

    public void start() {
        checkPortsFree();
        step("DynamoDB Local on " + settings.dynamoEndpoint() + " (data in " + settings.dataDirectory().resolve("dynamodb") + ")");
        dynamo = LocalDynamo.start(settings.dynamoPort(), settings.dataDirectory().resolve("dynamodb"));

        Path pgData = settings.dataDirectory().resolve("postgres");
        OrphanedPostgres.stopIfRunning(pgData, out);
        step("Postgres on 127.0.0.1:" + settings.postgresPort() + " (data in " + pgData + ", fsync on)");
        postgres = LocalPostgres.startStoppedByCaller(settings.postgresPort(), pgData);

        step("DynamoDB tables " + TableNames.DEFAULTS.events() + " (stream NEW_IMAGE), "
                + TableNames.DEFAULTS.idempotency() + " (TTL) and " + TableNames.DEFAULTS.snapshots());
        try (var client = dynamo.client()) {
            EventStoreTables.createIfMissing(client, TableNames.DEFAULTS);
        }
        jwtSecret = LocalSecret.readOrCreate(settings.dataDirectory().resolve("auth/jwt-secret"));
        devToken = DevTokens.token(jwtSecret, "developer", List.of("writer", "admin", "reader", "analyst"), Duration.ofDays(30));
        int migrations = ReadModelSchema.migrate(postgres.jdbcUrl(), LocalPostgres.USER, "");
        step("read-model schema up to date (" + migrations + " migration(s) applied)");
        FirstProjection.watch(postgres.jdbcUrl(), LocalPostgres.USER,
                millis -> out.printf("tributary: first event projected %.1f s after start%n", millis / 1000.0), startedNanos);

        var projector = startService("projector", "projector", "dev.tributary.projector.Application", settings.projectorPort(),
                Map.of("datasources.default.url", postgres.jdbcUrl(),
                        "tributary.projector.worker-id", "local-1",
                        "tributary.projector.idle-between-reads", "50ms"));
        var command = startService("command", "command-service", "dev.tributary.command.Application", settings.commandPort(),
                Map.of());
        var query = startService("query", "query-service", "dev.tributary.query.Application", settings.queryPort(),
                Map.of("datasources.default.url", postgres.jdbcUrl()));

        Duration timeout = Duration.ofSeconds(90);
        Readiness.await(command, URI.create(base(settings.commandPort()) + "/health"), body -> true, timeout);
        Readiness.await(query, URI.create(base(settings.queryPort()) + "/health"), body -> true, timeout);
        Readiness.await(projector, URI.create(base(settings.projectorPort()) + "/status"),
                body -> body.contains("\"consuming\":true"), timeout);
        printReady();
    }

    private ServiceProcess startService(String name, String module, String mainClass, int port, Map<String, String> extra) {
        var properties = new java.util.LinkedHashMap<String, String>();
        properties.put("micronaut.server.port", Integer.toString(port));
        properties.put("tributary.dynamodb.endpoint", settings.dynamoEndpoint());
        properties.putAll(extra);
        var service = ServiceProcess.start(name, settings.home().resolve(module), mainClass, properties,
                ServiceProcess.localEnvironment(jwtSecret),
                settings.classDataDirectory(), out);
        services.add(service);
        return service;
    }

    private void printReady() {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        out.printf("""

                tributary: ready in %.1f s
                  command service   %s      (writes)
                  query service     %s      (reads)
                  projector         %s/status
                  DynamoDB Local    %s      (region us-east-1, any credentials)
                  Postgres          %s  (user postgres, no password)

                A development token (roles writer, admin, reader, analyst; valid 30 days):
                  export TRIBUTARY_TOKEN=%s

                Try:
                  curl -s -XPOST %s/customers -H "Authorization: Bearer $TRIBUTARY_TOKEN" \\
                       -H 'Content-Type: application/json' -d '{"name":"Ada Lovelace","email":"ada@example.com"}'
                  curl -s %s/customers/<id from the answer> -H "Authorization: Bearer $TRIBUTARY_TOKEN"

                Ctrl-C stops everything; data stays in %s.
                %n""", seconds,
                base(settings.commandPort()), base(settings.queryPort()), base(settings.projectorPort()),
                settings.dynamoEndpoint(), postgres.jdbcUrl(), devToken,
                base(settings.commandPort()), base(settings.queryPort()), settings.dataDirectory());
    }

    /** A token with every role, signed with this stack's secret. */
    public String devToken() {
        return devToken;
    }

    private static String base(int port) {
        return "http://127.0.0.1:" + port;
    }

    private void checkPortsFree() {
        var ports = Map.of(
                "TRIBUTARY_DYNAMODB_PORT", settings.dynamoPort(),
                "TRIBUTARY_POSTGRES_PORT", settings.postgresPort(),
                "TRIBUTARY_COMMAND_PORT", settings.commandPort(),
                "TRIBUTARY_QUERY_PORT", settings.queryPort(),
                "TRIBUTARY_PROJECTOR_PORT", settings.projectorPort());
        ports.forEach((variable, port) -> {
            try (var socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                throw new IllegalStateException("port " + port + " is in use (is Tributary already running?); "
                        + "stop what holds it, or choose another port with " + variable + "=<port>");
            }
        });
    }

    private void step(String what) {
        out.printf("tributary: [%5.1f s] %s%n", (System.nanoTime() - startedNanos) / 1e9, what);
    }

    /**
     * Stops the services, all at once: each is a JVM of its own that needs only Postgres and DynamoDB Local
     * to stop cleanly (the projector finishes its batch and hands back its leases). Then Postgres and
     * DynamoDB Local.
     */
    @Override
    public synchronized void close() {
        if (dynamo == null && postgres == null && services.isEmpty()) {
            return;
        }
        out.println("tributary: stopping");
        var stopping = services.stream().map(service -> Thread.ofPlatform().start(() -> service.stop(30))).toList();
        for (Thread stop : stopping) {
            try {
                stop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        services.clear();
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        if (dynamo != null) {
            dynamo.close();
            dynamo = null;
        }
        out.println("tributary: stopped");
    }
}
