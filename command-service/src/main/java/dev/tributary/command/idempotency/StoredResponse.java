package dev.tributary.command.idempotency;

import io.micronaut.core.annotation.Nullable;

/** A command's answer, kept so a retry with the same idempotency key gets exactly the same one. */
public record StoredResponse(int status, String body, @Nullable String location, String consistencyToken) {
}
