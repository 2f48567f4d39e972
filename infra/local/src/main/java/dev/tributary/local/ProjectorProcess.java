package dev.tributary.local;

import dev.tributary.embedded.Ports;
import dev.tributary.eventstore.TableNames;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A projector in a process of its own, on a free port, for the tests and benchmarks that kill it or
 * time it. Its worker id is its application name, so a restarted one takes its leases straight back.
 *
 * @param process the running JVM
 * @param port    its HTTP port
 */
public record ProjectorProcess(ServiceProcess process, int port) {

    /**
     * @param settings more {@code tributary.projector.*} and other properties, which win over the defaults
     *                 here (50 ms between reads)
     * @param secret   the HS256 secret its admin API checks tokens with
     */
    public static ProjectorProcess start(Path home, URI dynamoEndpoint, TableNames tables, String jdbcUrl,
                                         String applicationName, String secret, Map<String, String> settings,
                                         Path classData, PrintStream out) {
        int port = Ports.free();
        var properties = new LinkedHashMap<String, String>();
        properties.put("micronaut.server.port", Integer.toString(port));
        properties.put("tributary.dynamodb.endpoint", dynamoEndpoint.toString());
        properties.put("tributary.dynamodb.events-table", tables.events());
        properties.put("tributary.dynamodb.idempotency-table", tables.idempotency());
        properties.put("datasources.default.url", jdbcUrl);
        properties.put("tributary.projector.application-name", applicationName);
        properties.put("tributary.projector.worker-id", applicationName);
        properties.put("tributary.projector.idle-between-reads", "50ms");
        properties.putAll(settings);
        var process = ServiceProcess.start("projector", home.resolve("projector"), "dev.tributary.projector.Application",
                properties, ServiceProcess.quietLocalEnvironment(secret),
                classData, out);
        return new ProjectorProcess(process, port);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
