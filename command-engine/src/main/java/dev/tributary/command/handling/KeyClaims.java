package dev.tributary.command.handling;

import dev.tributary.command.idempotency.IdempotencyKeyInUse;
import dev.tributary.command.idempotency.IdempotencyKeyReused;
import dev.tributary.command.idempotency.IdempotencyKeys;
import dev.tributary.command.idempotency.IdempotencyRecord;
import dev.tributary.command.idempotency.IdempotencySettings;
import dev.tributary.command.idempotency.StoredResponse;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/**
 * Lets one request at a time run under an idempotency key, across every instance of the service.
 * A request claims its key, or finds it held:
 * <ul>
 *   <li>answered, for the same request: the stored answer, replayed;</li>
 *   <li>answered or held for a different request: {@link IdempotencyKeyReused} (422);</li>
 *   <li>held, unanswered, for the same request: it waits, polling with backoff, until the holder is
 *       answered (replayed), releases the key (claimed again), or its lease runs out (claimed again),
 *       and gives up after {@code tributary.command.idempotency-wait} with {@link IdempotencyKeyInUse} (409).</li>
 * </ul>
 */
@Singleton
final class KeyClaims {

    private final IdempotencyKeys keys;
    private final Duration wait;

    KeyClaims(IdempotencyKeys keys, IdempotencySettings settings) {
        this.keys = keys;
        this.wait = settings.idempotencyWait();
    }

    /** What a request with a key may do. */
    sealed interface Admission {
    }

    /** Run the command; this request holds the key until it answers or releases it. */
    record Claimed(IdempotencyRecord claim) implements Admission {
    }

    /** Answer with what the key's first request was answered. */
    record Answered(StoredResponse response) implements Admission {
    }

    Admission admit(CommandContext context) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (int attempt = 1; ; attempt++) {
            var holder = keys.claim(context.idempotencyKey(), context.requestHash(), context.commandId());
            if (!holder.answered() && holder.commandId().equals(context.commandId())) {
                return new Claimed(holder);
            }
            if (!holder.requestHash().equals(context.requestHash())) {
                throw new IdempotencyKeyReused(context.idempotencyKey());
            }
            if (holder.answered()) {
                return new Answered(holder.response());
            }
            if (System.nanoTime() >= deadline) {
                throw new IdempotencyKeyInUse(retryAfter(holder));
            }
            Backoff.pause(attempt, "an earlier request with the same idempotency key");
        }
    }

    private static Duration retryAfter(IdempotencyRecord holder) {
        long seconds = Duration.between(Instant.now(), holder.expiresAt()).toSeconds();
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
