package dev.tributary.projector.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.cloudwatch2.CloudWatchConfig;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

class CloudWatchMetersTest {

    @Test
    void only_the_projector_s_own_meters_are_sent_to_cloudwatch() {
        CloudWatchConfig config = key -> switch (key) {
            case "cloudwatch.namespace" -> "Test";
            case "cloudwatch.enabled" -> "false";
            default -> null;
        };
        try (var client = CloudWatchAsyncClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            var registry = new CloudWatchMeterRegistry(config, Clock.SYSTEM, client);
            new CloudWatchMeters().configure(registry);

            registry.counter("tributary.projector.dead.letters").increment();
            registry.gauge("tributary.projector.lag", 42.0);
            registry.counter("jvm.gc.pause").increment();
            registry.counter("http.server.requests").increment();

            assertThat(registry.getMeters()).extracting(m -> m.getId().getName())
                    .containsExactlyInAnyOrder("tributary.projector.dead.letters", "tributary.projector.lag");
            registry.close();
        }
    }
}
