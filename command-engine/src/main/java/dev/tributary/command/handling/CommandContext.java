package dev.tributary.command.handling;

import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/**
 * What a command carries besides its own fields.
 *
 * @param idempotencyKey the client's key, scoped to its principal, or null
 * @param requestHash    a hash of the request, to tell a retry from a different request under the same key;
 *                       null when there is no key
 * @param ifMatch        the version the client demands the aggregate to be at, or null
 */
public record CommandContext(UUID commandId, @Nullable String idempotencyKey, @Nullable String requestHash, @Nullable Long ifMatch) {
}
