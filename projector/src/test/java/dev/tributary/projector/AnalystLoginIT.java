package dev.tributary.projector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.embedded.SharedLocalInfra;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The analysts' login gets its password from the projector's configuration, as the AWS stack gives it from a
 * secret: stored as a SCRAM-SHA-256 verifier, never as the plain password.
 */
class AnalystLoginIT {

    @Test
    void a_projector_with_an_analyst_password_gives_the_analysts_login_that_password_hashed() throws Exception {
        String password = "analyst-" + UUID.randomUUID();
        try (var fixture = new ProjectorFixture(SharedLocalInfra.postgres().createDatabase("analyst_login"))) {
            // The role belongs to the whole server, which other tests' migrations may have created already.
            try (var c = fixture.database(); var s = c.createStatement()) {
                s.execute("DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'tributary_analyst') THEN "
                        + "ALTER ROLE tributary_analyst PASSWORD NULL; END IF; END $$");
            }

            fixture.startProjector(Map.of("tributary.projector.analyst-password", password));

            try (var c = fixture.database(); var rows = c.createStatement().executeQuery(
                    "SELECT rolpassword FROM pg_authid WHERE rolname = 'tributary_analyst'")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).startsWith("SCRAM-SHA-256$").doesNotContain(password);
            }
        }
    }
}
