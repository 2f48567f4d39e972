package dev.tributary.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a rebuild through a projector's admin API ({@code POST /admin/rebuild}) and follows it to the
 * end: for the {@code ./tributary rebuild} command, and for the tests and the soak that compare the
 * read model with a clean rebuild.
 */
public final class RebuildClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RebuildClient() {
    }

    /**
     * How a rebuild ended.
     *
     * @param state       {@code switched} when the rebuilt schema became live, else why not
     * @param differences per table, how the live and rebuilt schemas differed (empty when they agreed)
     * @param message     the projector's one-line account
     */
    public record Outcome(String state, Map<String, String> differences, String message) {

        /** Switched with nothing differing: the incrementally built model equalled the rebuild. */
        public boolean agreed() {
            return "switched".equals(state) && differences.isEmpty();
        }
    }

    /** Thrown when the projector refuses to start a rebuild. */
    public static final class Refused extends IOException {
        Refused(int status, String body) {
            super("the projector refused the rebuild (" + status + "): " + body);
        }
    }

    /**
     * Starts a rebuild and polls it every {@code poll} until it finishes.
     *
     * @param rebuild  the projector's {@code /admin/rebuild} URI
     * @param token    a bearer token with the role {@code admin}
     * @param started  told the rebuild's schema once it has started
     * @param progress told every progress report
     * @throws Refused when the projector does not accept the rebuild
     * @throws IOException when it has not finished within {@code timeout}
     */
    public static Outcome run(URI rebuild, String token, boolean force, int segments, Duration poll, Duration timeout,
                              Consumer<String> started, Consumer<JsonNode> progress) throws IOException, InterruptedException {
        return run(rebuild, token, force, segments, null, poll, timeout, started, progress);
    }

    /** @param projection the one projection to rebuild; null for the whole read model */
    public static Outcome run(URI rebuild, String token, boolean force, int segments, String projection, Duration poll,
                              Duration timeout, Consumer<String> started, Consumer<JsonNode> progress)
            throws IOException, InterruptedException {
        String only = projection == null ? "" : "&projection=" + java.net.URLEncoder.encode(projection, java.nio.charset.StandardCharsets.UTF_8);
        var answer = HTTP.send(HttpRequest.newBuilder(URI.create(rebuild + "?force=" + force + "&segments=" + segments + only))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 202) {
            throw new Refused(answer.statusCode(), answer.body());
        }
        started.accept(JSON.readTree(answer.body()).path("schema").asText());
        var deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(poll.toMillis());
            JsonNode report = JSON.readTree(HTTP.send(HttpRequest.newBuilder(rebuild).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            progress.accept(report);
            if (report.hasNonNull("finishedAt")) {
                var differences = new LinkedHashMap<String, String>();
                report.path("differences").fields().forEachRemaining(d -> differences.put(d.getKey(), d.getValue().asText()));
                return new Outcome(report.path("state").asText(), differences, report.path("message").asText());
            }
        }
        throw new IOException("the rebuild did not finish within " + timeout);
    }
}
