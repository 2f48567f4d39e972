package dev.tributary.command.handling;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How long a command that may be re-decided keeps trying against writers of the same aggregate
 * ({@code tributary.command.*}, or {@code TRIBUTARY_COMMAND_*} environment variables).
 *
 * @param conflictRetryFor how long a command whose conflicts are safe to re-decide (a restock, a
 *                         deposit, a transfer, placing an order) keeps re-deciding from fresh state after
 *                         a version conflict before it answers 409. Time, not a count of attempts: with N
 *                         writers racing on one aggregate, one wins each round, so the last may need N
 *                         rounds; 0 answers the first conflict with 409
 */
@ConfigurationProperties("tributary.command")
public record ConflictSettings(@Bindable(defaultValue = "5s") Duration conflictRetryFor) {

    public ConflictSettings {
        if (conflictRetryFor.isNegative()) {
            throw new IllegalArgumentException("tributary.command.conflict-retry-for must be 0 or more, was " + conflictRetryFor);
        }
    }
}
