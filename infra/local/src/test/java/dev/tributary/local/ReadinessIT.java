package dev.tributary.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tributary.embedded.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessIT {

    @TempDir
    Path data;

    /**
     * The soak once restarted its query service while a projector worker had taken the port: the worker
     * answered {@code /health}, the soak took that for the query service, and every report came back 404.
     */
    @Test
    void a_service_whose_port_another_server_answers_is_never_taken_for_ready() throws Exception {
        int port = Ports.free();
        var other = HttpServer.create(new InetSocketAddress(port), 0);
        other.createContext("/health", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        other.start();
        var home = Path.of(System.getProperty("tributary.home", "../..")).toAbsolutePath().normalize();
        var output = new ByteArrayOutputStream();
        var query = ServiceProcess.start("query", home.resolve("query-service"), "dev.tributary.query.Application",
                Map.of("micronaut.server.port", Integer.toString(port)), ServiceProcess.quietLocalEnvironment("a".repeat(32)),
                data.resolve("class-data"), new PrintStream(output, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> Readiness.await(query, java.net.URI.create("http://127.0.0.1:" + port + "/health"),
                    body -> true, Duration.ofSeconds(5)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the port is answered by another server (Server: none)");
        } finally {
            query.stop(10);
            other.stop(0);
        }
    }
}
