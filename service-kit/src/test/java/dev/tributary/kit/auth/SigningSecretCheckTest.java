package dev.tributary.kit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigningSecretCheckTest {

    @Test
    void a_service_without_a_signing_secret_refuses_to_start_and_names_the_variable() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of()))
                .rootCause()
                .hasMessageContaining("TRIBUTARY_AUTH_JWT_SECRET")
                .hasMessageContaining("is not set");
    }

    @Test
    void a_service_with_a_secret_too_short_for_hs256_refuses_to_start_and_says_how_long_it_must_be() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("tributary.auth.jwt-secret", "changeme")))
                .rootCause()
                .hasMessageContaining("is 8 bytes long")
                .hasMessageContaining("at least 32");
    }

    @Test
    void a_service_with_a_32_byte_secret_starts() {
        try (var context = ApplicationContext.run(Map.of("tributary.auth.jwt-secret", "0123456789abcdef0123456789abcdef"))) {
            assertThat(context.isRunning()).isTrue();
        }
    }
}
