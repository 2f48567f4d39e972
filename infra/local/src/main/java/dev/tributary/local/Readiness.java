package dev.tributary.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Waits for a service to answer, failing early if its process dies. Only the started process counts: an
 * answer without its {@code Server} header comes from another server holding the port, and is named.
 */
public final class Readiness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private Readiness() {
    }

    public static void await(ServiceProcess service, URI uri, Predicate<String> ready, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String impostor = null;
        while (Instant.now().isBefore(deadline)) {
            if (!service.isAlive()) {
                throw new IllegalStateException(service.name() + " exited with status " + service.exitValue()
                        + " before it was ready; its output is above" + (impostor == null ? "" : "; " + impostor));
            }
            try {
                var response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                String server = response.headers().firstValue("server").orElse("none");
                if (!server.equals(service.identity())) {
                    impostor = "the port is answered by another server (Server: " + server + ")";
                } else if (response.statusCode() == 200 && ready.test(response.body())) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + service.name(), e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + service.name(), e);
            }
        }
        throw new IllegalStateException(service.name() + " was not ready at " + uri + " within " + timeout.toSeconds() + " s"
                + (impostor == null ? "" : ": " + impostor));
    }
}
