package dev.tributary.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

@NeedsNodeJs
class DeploymentSettingsTest {

    @Test
    void a_deployment_without_an_image_tag_is_refused_with_instructions() {
        var app = new App(AppProps.builder().context(Map.of()).build());

        assertThatThrownBy(() -> DeploymentSettings.fromContext(app.getNode()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-c imageTag=")
                .hasMessageContaining("tributary-projector");
    }

    @Test
    void context_values_override_the_graviton_multi_az_defaults() {
        var app = new App(AppProps.builder().context(Map.of(
                "imageTag", "1.2.3",
                "databaseInstanceType", "t4g.medium",
                "databaseMultiAz", "false",
                "alarmEmail", "ops@example.com")).build());

        assertThat(DeploymentSettings.fromContext(app.getNode())).isEqualTo(new DeploymentSettings(
                "1.2.3", "t4g.medium", false, Optional.of("ops@example.com"), Optional.empty()));
    }

    @Test
    void defaults_are_a_multi_az_m7g_large_without_email_or_tls() {
        var app = new App(AppProps.builder().context(Map.of("imageTag", "1.2.3")).build());

        assertThat(DeploymentSettings.fromContext(app.getNode())).isEqualTo(new DeploymentSettings(
                "1.2.3", "m7g.large", true, Optional.empty(), Optional.empty()));
    }
}
