package dev.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.embedded.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A whole local stack as the launcher starts it, on free ports under a test's directory, driven over
 * HTTP as a client would: commands to the command service, reads to the query service, with the
 * developer token (every role).
 */
final class StackUnderTest implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final LocalSettings settings;
    private final LocalStack stack;
    private final ByteArrayOutputStream output;

    private StackUnderTest(LocalSettings settings, LocalStack stack, ByteArrayOutputStream output) {
        this.settings = settings;
        this.stack = stack;
        this.output = output;
    }

    static StackUnderTest start(Path data) {
        var home = Path.of(System.getProperty("tributary.home", "../..")).toAbsolutePath().normalize();
        var settings = new LocalSettings(home, data, data.resolve("class-data"), Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free());
        var output = new ByteArrayOutputStream();
        var stack = new LocalStack(settings, new PrintStream(output, true, StandardCharsets.UTF_8));
        try {
            stack.start();
        } catch (RuntimeException e) {
            stack.close();
            throw new AssertionError("the stack did not start: " + e.getMessage() + "\n" + output.toString(StandardCharsets.UTF_8), e);
        }
        return new StackUnderTest(settings, stack, output);
    }

    String token() {
        return stack.devToken();
    }

    /** A command: a POST of {@code json} to the command service. */
    HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.commandPort() + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token())
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A read of the query service, waiting for {@code consistencyToken} when it is not null. */
    HttpResponse<String> query(String path, String accept, String consistencyToken) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.queryPort() + path))
                .header("Accept", accept)
                .header("Authorization", "Bearer " + token());
        if (consistencyToken != null) {
            request.header("Consistency-Token", consistencyToken);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    URI projector(String path) {
        return URI.create("http://127.0.0.1:" + settings.projectorPort() + path);
    }

    /** A string field of a successful answer. */
    static String field(HttpResponse<String> response, String name) {
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return field(response.body(), name);
    }

    static String field(String json, String name) {
        var matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as(name + " in " + json).isTrue();
        return matcher.group(1);
    }

    @Override
    public void close() {
        stack.close();
    }

}
