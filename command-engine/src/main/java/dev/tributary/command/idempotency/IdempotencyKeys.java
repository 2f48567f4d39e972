package dev.tributary.command.idempotency;

import dev.tributary.eventstore.EventStoreTables;
import dev.tributary.eventstore.TableNames;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The idempotency table. Every write is conditional, so across any number of service instances one
 * command at a time holds a key: it claims the key, then either answers it in the transaction that
 * stores its events or releases it. DynamoDB's TTL deletes expired records within days, not at once,
 * so a record past its expiry is treated as absent, and may be claimed.
 */
@Singleton
public final class IdempotencyKeys {

    public static final Duration RETENTION = Duration.ofHours(24);
    private static final String CLAIMABLE = "attribute_not_exists(#key) OR #expiresAt <= :now";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration lease;
    private final Clock clock = Clock.systemUTC();

    IdempotencyKeys(DynamoDbClient dynamo, TableNames tables, IdempotencySettings settings) {
        this.dynamo = dynamo;
        this.table = tables.idempotency();
        this.lease = settings.idempotencyLease();
    }

    /**
     * Claims {@code key} for {@code commandId} for one lease, unless a live record holds it. One
     * conditional write, strongly consistent.
     *
     * @return the record that holds the key now: this command's claim, or the one that was there
     */
    public IdempotencyRecord claim(String key, String requestHash, UUID commandId) {
        var now = clock.instant();
        var claim = new IdempotencyRecord(key, requestHash, commandId, null, roundedUp(now.plus(lease)));
        try {
            dynamo.putItem(p -> p.tableName(table).item(claim.toItem())
                    .conditionExpression(CLAIMABLE)
                    .expressionAttributeNames(Map.of("#key", EventStoreTables.IDEMPOTENCY_KEY,
                            "#expiresAt", EventStoreTables.IDEMPOTENCY_TTL))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return claim;
        } catch (ConditionalCheckFailedException e) {
            return IdempotencyRecord.fromItem(e.item());
        }
    }

    /**
     * Gives up an unanswered claim, so the key can be used again at once.
     *
     * @return false when the claim was no longer there to give up: its lease ran out and another
     *         command took the key, or it was answered
     */
    public boolean release(IdempotencyRecord claim) {
        try {
            dynamo.deleteItem(d -> d.tableName(table)
                    .key(Map.of(EventStoreTables.IDEMPOTENCY_KEY, AttributeValue.fromS(claim.key())))
                    .conditionExpression("#commandId = :commandId AND attribute_not_exists(#status)")
                    .expressionAttributeNames(Map.of("#commandId", IdempotencyRecord.COMMAND_ID,
                            "#status", IdempotencyRecord.STATUS))
                    .expressionAttributeValues(Map.of(":commandId", AttributeValue.fromS(claim.commandId().toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public Instant expiryFromNow() {
        return clock.instant().plus(RETENTION);
    }

    private static Instant roundedUp(Instant instant) {
        return instant.getNano() == 0 ? instant : Instant.ofEpochSecond(instant.getEpochSecond() + 1);
    }
}
