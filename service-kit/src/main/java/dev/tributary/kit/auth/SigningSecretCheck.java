package dev.tributary.kit.auth;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import java.nio.charset.StandardCharsets;

/**
 * Refuses to start a service whose bearer tokens could never be checked: {@code tributary.auth.jwt-secret}
 * unset, or shorter than HS256's 256 bits. Without this, a service deployed without its secret starts,
 * reports healthy and answers every request with a {@code 401}, and nothing says why.
 *
 * <p>The secret is used as its UTF-8 bytes, as Micronaut's secret signature does. It runs before the
 * services' other start-up checks, which reach for DynamoDB or Postgres.
 */
@Context
@Order(Ordered.HIGHEST_PRECEDENCE)
final class SigningSecretCheck {

    /** HS256 keys shorter than the hash are refused by the JOSE library the signature check uses (RFC 7518, 3.2). */
    static final int MIN_BYTES = 32;

    SigningSecretCheck(@Value("${tributary.auth.jwt-secret:}") String secret) {
        String problem = problemWith(secret);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /** What is wrong with this secret, or null if bearer tokens can be checked with it. */
    static String problemWith(String secret) {
        if (secret == null || secret.isBlank()) {
            return "tributary.auth.jwt-secret (TRIBUTARY_AUTH_JWT_SECRET) is not set, so no bearer token could be checked. "
                    + "Set it to the HS256 secret your tokens are signed with, at least " + MIN_BYTES + " bytes "
                    + "(./tributary start makes one per data directory)";
        }
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_BYTES) {
            return "tributary.auth.jwt-secret (TRIBUTARY_AUTH_JWT_SECRET) is " + bytes + " bytes long; HS256 needs at least "
                    + MIN_BYTES + " (256 bits), and every token would be refused. Use a longer random secret, for example "
                    + "the output of: openssl rand -base64 48";
        }
        return null;
    }
}
