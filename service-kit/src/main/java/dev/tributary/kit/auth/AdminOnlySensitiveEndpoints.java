package dev.tributary.kit.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.security.rules.SensitiveEndpointRule;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Who may call the management endpoints Micronaut marks sensitive ({@code /threaddump}, {@code /beans},
 * {@code /routes}, {@code /loggers}, {@code /refresh}): the role {@code admin}, and nobody else (403);
 * without a token, 401. Micronaut Security's own rule throws on every call with a token until it is
 * replaced, and each service answered those calls 500 (found by {@code ReadInputPropertiesIT}, which
 * calls every GET route with any values).
 */
@Singleton
@Replaces(SensitiveEndpointRule.class)
@Requires(classes = {SensitiveEndpointRule.class, EndpointSensitivityProcessor.class})
final class AdminOnlySensitiveEndpoints extends SensitiveEndpointRule {

    AdminOnlySensitiveEndpoints(EndpointSensitivityProcessor endpoints) {
        super(endpoints);
    }

    @Override
    protected Publisher<SecurityRuleResult> checkSensitiveAuthenticated(HttpRequest<?> request, Authentication authentication,
                                                                      ExecutableMethod<?, ?> method) {
        return Publishers.just(authentication.getRoles().contains("admin") ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }
}
