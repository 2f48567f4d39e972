package dev.tributary.aws;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * The DynamoDB tables of the write side, with the keys of {@code EventStoreTables}, all on demand.
 *
 * <ul>
 *   <li>events: the durable log. Its stream feeds the projector; point-in-time recovery, deletion
 *       protection and {@code RETAIN} keep it through mistakes and {@code cdk destroy}.</li>
 *   <li>idempotency: request keys, expired by TTL after a day.</li>
 *   <li>snapshots: a cache of aggregate state, rebuilt from events at will, so no stream and no backups.</li>
 * </ul>
 */
public final class EventStore extends Construct {

    public static final String EVENTS = "tributary-events";
    public static final String IDEMPOTENCY = "tributary-idempotency";
    public static final String SNAPSHOTS = "tributary-snapshots";

    final Table events;
    final Table idempotency;
    final Table snapshots;

    EventStore(Construct scope, String id) {
        super(scope, id);
        events = Table.Builder.create(this, "Events")
                .tableName(EVENTS)
                .partitionKey(key("pk", AttributeType.STRING))
                .sortKey(key("sk", AttributeType.NUMBER))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .stream(StreamViewType.NEW_IMAGE)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        idempotency = Table.Builder.create(this, "Idempotency")
                .tableName(IDEMPOTENCY)
                .partitionKey(key("key", AttributeType.STRING))
                .timeToLiveAttribute("expiresAt")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        snapshots = Table.Builder.create(this, "Snapshots")
                .tableName(SNAPSHOTS)
                .partitionKey(key("pk", AttributeType.STRING))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
    }

    private static Attribute key(String name, AttributeType type) {
        return Attribute.builder().name(name).type(type).build();
    }
}
