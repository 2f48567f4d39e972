package dev.tributary.kit.dynamo;

import dev.tributary.eventstore.TableNames;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import jakarta.inject.Singleton;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB client, built from {@link DynamoSettings}. Credentials come from the SDK's default
 * chain (environment, profile, instance or task role).
 */
@Factory
public class DynamoClients {

    // Primary: micronaut-aws-sdk-v2 (brought in by the CloudWatch metrics registry) registers a client of its own.
    @Primary
    @Singleton
    @Bean(preDestroy = "close")
    DynamoDbClient dynamoDbClient(DynamoSettings settings) {
        var builder = DynamoDbClient.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(256)
                        .connectionTimeout(Duration.ofSeconds(2)));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    @Singleton
    TableNames tableNames(DynamoSettings settings) {
        return settings.tableNames();
    }
}
