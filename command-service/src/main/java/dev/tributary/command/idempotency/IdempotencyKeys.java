package dev.tributary.command.idempotency;

import dev.tributary.events.EventStoreTables;
import dev.tributary.events.TableNames;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Looks up idempotency keys. DynamoDB's TTL deletes expired records within days, not at once, so a
 * record past its expiry is treated as absent here.
 */
@Singleton
public final class IdempotencyKeys {

    public static final Duration RETENTION = Duration.ofHours(24);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock = Clock.systemUTC();

    IdempotencyKeys(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.idempotency();
    }

    public Optional<IdempotencyRecord> find(String key) {
        var item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of(EventStoreTables.IDEMPOTENCY_KEY, AttributeValue.fromS(key)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        var record = IdempotencyRecord.fromItem(item);
        return record.expiresAt().isAfter(clock.instant()) ? Optional.of(record) : Optional.empty();
    }

    public java.time.Instant expiryFromNow() {
        return clock.instant().plus(RETENTION);
    }
}
