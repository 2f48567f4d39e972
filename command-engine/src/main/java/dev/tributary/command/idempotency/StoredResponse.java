package dev.tributary.command.idempotency;

import dev.tributary.command.http.CommandAccepted;
import io.micronaut.core.annotation.Nullable;

/** A command's answer, kept so a retry with the same idempotency key gets exactly the same one. */
public record StoredResponse(int status, CommandAccepted body, @Nullable String location, String consistencyToken) {
}
