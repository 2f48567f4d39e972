package dev.tributary.eventstore;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/**
 * The tables of the event store, for local stacks and tests. On AWS the deployment creates them
 * with the same keys.
 *
 * <ul>
 *   <li>events: {@code pk} (S) hash, {@code sk} (N) range, Stream {@code NEW_IMAGE}</li>
 *   <li>idempotency: {@code key} (S) hash, TTL on {@code expiresAt}</li>
 *   <li>snapshots: {@code pk} (S) hash, no stream: the write side's latest snapshot of an aggregate, an
 *       optimisation that may be lost or emptied at any time</li>
 * </ul>
 */
public final class EventStoreTables {

    public static final String IDEMPOTENCY_KEY = "key";
    public static final String IDEMPOTENCY_TTL = "expiresAt";

    private EventStoreTables() {
    }

    /** Creates whichever tables are missing and waits until they are active. Safe to call concurrently. */
    public static void createIfMissing(DynamoDbClient dynamo, TableNames names) {
        create(dynamo, CreateTableRequest.builder()
                .tableName(names.events())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key(EventItems.PK, KeyType.HASH), key(EventItems.SK, KeyType.RANGE))
                .attributeDefinitions(
                        attribute(EventItems.PK, ScalarAttributeType.S),
                        attribute(EventItems.SK, ScalarAttributeType.N))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE))
                .build());
        if (create(dynamo, CreateTableRequest.builder()
                .tableName(names.idempotency())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key(IDEMPOTENCY_KEY, KeyType.HASH))
                .attributeDefinitions(attribute(IDEMPOTENCY_KEY, ScalarAttributeType.S))
                .build())) {
            dynamo.updateTimeToLive(r -> r.tableName(names.idempotency())
                    .timeToLiveSpecification(TimeToLiveSpecification.builder()
                            .enabled(true).attributeName(IDEMPOTENCY_TTL).build()));
        }
        create(dynamo, CreateTableRequest.builder()
                .tableName(names.snapshots())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key(EventItems.PK, KeyType.HASH))
                .attributeDefinitions(attribute(EventItems.PK, ScalarAttributeType.S))
                .build());
    }

    /** The ARN of the events table's current stream. */
    public static String eventsStreamArn(DynamoDbClient dynamo, TableNames names) {
        var arn = dynamo.describeTable(r -> r.tableName(names.events())).table().latestStreamArn();
        if (arn == null) {
            throw new IllegalStateException("table " + names.events() + " has no stream; enable NEW_IMAGE streams on it");
        }
        return arn;
    }

    private static boolean create(DynamoDbClient dynamo, CreateTableRequest request) {
        if (exists(dynamo, request.tableName())) {
            return false;
        }
        try {
            dynamo.createTable(request);
        } catch (ResourceInUseException raced) {
            return false;
        }
        dynamo.waiter().waitUntilTableExists(r -> r.tableName(request.tableName()));
        return true;
    }

    private static boolean exists(DynamoDbClient dynamo, String table) {
        try {
            dynamo.describeTable(r -> r.tableName(table));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }
}
