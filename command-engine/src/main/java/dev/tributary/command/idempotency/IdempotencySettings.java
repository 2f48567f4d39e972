package dev.tributary.command.idempotency;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How requests with the same idempotency key take turns ({@code tributary.command.*}, or
 * {@code TRIBUTARY_COMMAND_*} environment variables).
 *
 * @param idempotencyWait  how long a request waits for an earlier one with the same key to be answered
 *                         before it gets 409 with {@code Retry-After}; 0 answers at once
 * @param idempotencyLease how long a claim on a key holds without an answer; a request that crashed
 *                         holding a key blocks it for at most this long. Longer than any command takes.
 */
@ConfigurationProperties("tributary.command")
public record IdempotencySettings(
        @Bindable(defaultValue = "5s") Duration idempotencyWait,
        @Bindable(defaultValue = "10s") Duration idempotencyLease) {

    public IdempotencySettings {
        if (idempotencyWait.isNegative()) {
            throw new IllegalArgumentException("tributary.command.idempotency-wait must be 0 or more, was " + idempotencyWait);
        }
        if (idempotencyLease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("tributary.command.idempotency-lease must be 1s or more, was " + idempotencyLease);
        }
    }
}
