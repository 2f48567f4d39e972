package dev.tributary.kit.auth;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Refuses a bearer token before its {@code nbf} (not before) time, allowing
 * {@code tributary.auth.clock-leeway} (30 s by default) for clocks that disagree. Micronaut checks
 * {@code exp} by default but not {@code nbf}.
 */
@Singleton
@Requires(classes = GenericJwtClaimsValidator.class)
final class NotBeforeWithLeeway<T> implements GenericJwtClaimsValidator<T> {

    private final Duration leeway;
    private final Clock clock;

    @jakarta.inject.Inject
    NotBeforeWithLeeway(@Value("${tributary.auth.clock-leeway:30s}") Duration leeway) {
        this(leeway, Clock.systemUTC());
    }

    NotBeforeWithLeeway(Duration leeway, Clock clock) {
        this.leeway = leeway;
        this.clock = clock;
    }

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        Instant notBefore = instant(claims.get(Claims.NOT_BEFORE));
        return notBefore == null || !clock.instant().plus(leeway).isBefore(notBefore);
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Date date -> date.toInstant();
            case Instant instant -> instant;
            case Number seconds -> Instant.ofEpochSecond(seconds.longValue());
            default -> Instant.MAX;
        };
    }
}
