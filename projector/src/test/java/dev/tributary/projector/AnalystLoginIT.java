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
            fixture.startProjector(Map.of("tributary.projector.backfill-new-projections", "false"));
            fixture.stopProjector();
            try (var c = fixture.database(); var s = c.createStatement()) {
                s.execute("ALTER ROLE tributary_analyst PASSWORD NULL");
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
