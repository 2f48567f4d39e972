package dev.tributary.embedded;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import org.slf4j.LoggerFactory;

/**
 * DynamoDB Local running in this JVM as an HTTP server on 127.0.0.1. With a data directory it
 * keeps its tables on disk across restarts; without one it is in memory.
 */
public final class LocalDynamo implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalDynamo.class);
    /** DynamoDB Local's SDK v1 warns through java.util.logging that JAXB is absent; it does not need it. */
    private static final java.util.logging.Logger SDK_V1_LOG = java.util.logging.Logger.getLogger("com.amazonaws");

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private LocalDynamo(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts an in-memory DynamoDB Local on a free port. */
    public static LocalDynamo startInMemory() {
        return start(Ports.free(), null);
    }

    /**
     * Starts DynamoDB Local.
     *
     * @param dataDirectory where the shared database file lives, or null for in-memory
     */
    public static LocalDynamo start(int port, Path dataDirectory) {
        System.setProperty("sqlite4java.library.path", nativeLibraryDirectory().toString());
        SDK_V1_LOG.setLevel(java.util.logging.Level.SEVERE);
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-sharedDb", "-disableTelemetry"));
        if (dataDirectory == null) {
            args.add("-inMemory");
        } else {
            createDirectories(dataDirectory);
            args.addAll(List.of("-dbPath", dataDirectory.toString()));
        }
        try {
            var server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            bindToLoopback(server);
            server.start();
            return new LocalDynamo(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client for this DynamoDB Local, with the dummy credentials it accepts. Close it when done. */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("DynamoDB Local did not stop cleanly", e);
        }
    }

    /** DynamoDB Local has no host option and listens on every interface; keep it to loopback. */
    private static void bindToLoopback(DynamoDBProxyServer proxy) throws IllegalAccessException {
        for (Field field : DynamoDBProxyServer.class.getDeclaredFields()) {
            if (Server.class.isAssignableFrom(field.getType())) {
                field.setAccessible(true);
                for (var connector : ((Server) field.get(proxy)).getConnectors()) {
                    if (connector instanceof ServerConnector serverConnector) {
                        serverConnector.setHost("127.0.0.1");
                    }
                }
                return;
            }
        }
        LOG.warn("could not restrict DynamoDB Local to 127.0.0.1; it listens on all interfaces");
    }

    private static Path nativeLibraryDirectory() {
        String name = "libsqlite4java-linux-amd64.so";
        try (InputStream in = LocalDynamo.class.getResourceAsStream("/sqlite4java/" + name)) {
            if (in == null) {
                throw new IllegalStateException("sqlite4java native library missing from the classpath");
            }
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "tributary-sqlite4java-" + ProcessHandle.current().pid());
            Files.createDirectories(dir);
            Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            dir.toFile().deleteOnExit();
            dir.resolve(name).toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
