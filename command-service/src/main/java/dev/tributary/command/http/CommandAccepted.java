package dev.tributary.command.http;

import dev.tributary.command.eventstore.EventStore.Appended;
import io.micronaut.http.HttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.UUID;

/**
 * The body of every successful command: which aggregate, and its version after the command. The
 * {@value #CONSISTENCY_TOKEN} header ({@code <pk>@<version>}) lets a later query wait for the
 * read model to catch up with this write.
 */
@Serdeable
public record CommandAccepted(UUID id, String aggregate, long version) {

    public static final String CONSISTENCY_TOKEN = "Consistency-Token";

    public static HttpResponse<CommandAccepted> created(String location, Appended appended) {
        return HttpResponse.created(of(appended), URI.create(location))
                .header(CONSISTENCY_TOKEN, appended.aggregate().pk() + "@" + appended.version());
    }

    private static CommandAccepted of(Appended appended) {
        return new CommandAccepted(appended.aggregate().id(), appended.aggregate().pk(), appended.version());
    }
}
