package dev.tributary.projector.stream;

import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micronaut.configuration.metrics.aggregator.MeterRegistryConfigurer;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * Sends only the projector's own meters ({@code tributary.*}) to CloudWatch, where every metric is
 * billed: the alarms need three, and the JVM, HTTP and pool meters (a hundred or more) stay on
 * {@code /prometheus}.
 */
@Singleton
@Requires(classes = CloudWatchMeterRegistry.class)
final class CloudWatchMeters implements MeterRegistryConfigurer<CloudWatchMeterRegistry> {

    static final String PREFIX = "tributary.";

    @Override
    public void configure(CloudWatchMeterRegistry registry) {
        registry.config().meterFilter(MeterFilter.denyUnless(id -> id.getName().startsWith(PREFIX)));
    }

    @Override
    public Class<CloudWatchMeterRegistry> getType() {
        return CloudWatchMeterRegistry.class;
    }
}
