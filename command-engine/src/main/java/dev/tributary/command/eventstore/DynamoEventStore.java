package dev.tributary.command.eventstore;

import dev.tributary.command.idempotency.IdempotencyKeyTaken;
import dev.tributary.command.idempotency.IdempotencyRecord;
import dev.tributary.events.AggregateId;
import dev.tributary.events.DomainEvent;
import dev.tributary.eventstore.EventItems;
import dev.tributary.eventstore.EventQueries;
import dev.tributary.events.StoredEvent;
import dev.tributary.eventstore.TableNames;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The event store on one DynamoDB table. Every item is written with {@code attribute_not_exists(pk)}
 * on its (pk, version) key, so of two writers that decided from the same version only one wins.
 * One event alone is a conditional {@code PutItem}; anything more, including an idempotency record
 * (conditional on the command still holding its key), is one {@code TransactWriteItems}.
 */
@Singleton
final class DynamoEventStore implements EventStore {

    static final int MAX_ITEMS_PER_TRANSACTION = 100;
    private static final String NEW_KEY_ONLY = "attribute_not_exists(" + EventItems.PK + ")";

    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final Clock clock;

    @Inject
    DynamoEventStore(DynamoDbClient dynamo, TableNames tables) {
        this(dynamo, tables, Clock.systemUTC());
    }

    DynamoEventStore(DynamoDbClient dynamo, TableNames tables, Clock clock) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.clock = clock;
    }

    @Override
    public List<StoredEvent> load(AggregateId aggregate, long from) {
        return EventQueries.between(dynamo, tables.events(), aggregate, from, Long.MAX_VALUE);
    }

    @Override
    public void append(List<Append> appends, UUID commandId, @Nullable IdempotencyRecord idempotency) {
        var occurredAt = clock.instant();
        var items = new ArrayList<TransactWriteItem>();
        for (Append append : appends) {
            long version = append.expectedVersion();
            for (DomainEvent event : append.events()) {
                var stored = new StoredEvent(append.aggregate(), ++version, UUID.randomUUID(), occurredAt, commandId,
                        event);
                items.add(put(tables.events(), EventItems.toItem(stored), NEW_KEY_ONLY));
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
        if (idempotency != null) {
            items.add(TransactWriteItem.builder().put(idempotency.put(tables.idempotency())).build());
        }
        if (items.size() > MAX_ITEMS_PER_TRANSACTION) {
            throw new IllegalArgumentException(items.size() + " items do not fit one transaction of "
                    + MAX_ITEMS_PER_TRANSACTION);
        }
        try {
            if (items.size() == 1) {
                dynamo.putItem(toPutRequest(items.getFirst().put()));
            } else {
                dynamo.transactWriteItems(t -> t.transactItems(items));
            }
        } catch (ConditionalCheckFailedException e) {
            if (!writtenBy(commandId, appends.getFirst())) {
                throw new ConcurrencyConflict(appends.getFirst().aggregate(), appends.getFirst().expectedVersion());
            }
        } catch (TransactionCanceledException e) {
            if (writtenBy(commandId, appends.getFirst())) {
                return;
            }
            throw failedCondition(e, appends, idempotency);
        }
    }

    private RuntimeException failedCondition(TransactionCanceledException e, List<Append> appends,
                                             @Nullable IdempotencyRecord idempotency) {
        List<CancellationReason> reasons = e.cancellationReasons();
        int index = 0;
        for (Append append : appends) {
            for (int i = 0; i < append.events().size(); i++, index++) {
                if (index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index).code())) {
                    return new ConcurrencyConflict(append.aggregate(), append.expectedVersion());
                }
            }
        }
        if (idempotency != null && index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index).code())) {
            return new IdempotencyKeyTaken(idempotency.key());
        }
        return e;
    }

    /** Whether the first version this append wanted holds an event of this very command. */
    private boolean writtenBy(UUID commandId, Append append) {
        var item = dynamo.getItem(g -> g.tableName(tables.events()).consistentRead(true).key(Map.of(
                EventItems.PK, AttributeValue.fromS(append.aggregate().pk()),
                EventItems.SK, AttributeValue.fromN(Long.toString(append.expectedVersion() + 1))))).item();
        return item != null && item.containsKey(EventItems.COMMAND_ID)
                && commandId.toString().equals(item.get(EventItems.COMMAND_ID).s());
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item, String condition) {
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(table).item(item).conditionExpression(condition).build())
                .build();
    }

    private static PutItemRequest toPutRequest(Put put) {
        return PutItemRequest.builder()
                .tableName(put.tableName())
                .item(put.item())
                .conditionExpression(put.conditionExpression())
                .expressionAttributeNames(put.hasExpressionAttributeNames() ? put.expressionAttributeNames() : null)
                .build();
    }
}
