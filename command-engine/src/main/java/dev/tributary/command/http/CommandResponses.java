package dev.tributary.command.http;

import dev.tributary.command.handling.CommandRunner.Outcome;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import java.net.URI;

/** Turns a command's outcome into its HTTP answer. A replay is the original answer, plus a header saying so. */
public final class CommandResponses {

    public static final String CONSISTENCY_TOKEN = "Consistency-Token";
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private CommandResponses() {
    }

    public static HttpResponse<CommandAccepted> of(Outcome outcome) {
        var stored = outcome.response();
        var response = HttpResponse.<CommandAccepted>status(HttpStatus.valueOf(stored.status()))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(CONSISTENCY_TOKEN, stored.consistencyToken())
                .body(stored.body());
        if (stored.location() != null) {
            response.headers(h -> h.location(URI.create(stored.location())));
        }
        if (outcome.replayed()) {
            response.header(IDEMPOTENT_REPLAYED, "true");
        }
        return response;
    }
}
