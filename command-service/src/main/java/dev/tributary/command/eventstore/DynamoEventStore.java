package dev.tributary.command.eventstore;

import dev.tributary.events.AggregateId;
import dev.tributary.events.DomainEvent;
import dev.tributary.events.EventItems;
import dev.tributary.events.StoredEvent;
import dev.tributary.events.TableNames;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The event store on one DynamoDB table. Every item is written with {@code attribute_not_exists(pk)}
 * on its (pk, version) key, so of two writers that decided from the same version only one wins.
 * Several events are one {@code TransactWriteItems}.
 */
@Singleton
final class DynamoEventStore implements EventStore {

    static final int MAX_EVENTS_PER_APPEND = 100;
    private static final String NEW_KEY_ONLY = "attribute_not_exists(" + EventItems.PK + ")";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    @Inject
    DynamoEventStore(DynamoDbClient dynamo, TableNames tables) {
        this(dynamo, tables, Clock.systemUTC());
    }

    DynamoEventStore(DynamoDbClient dynamo, TableNames tables, Clock clock) {
        this.dynamo = dynamo;
        this.table = tables.events();
        this.clock = clock;
    }

    @Override
    public List<StoredEvent> load(AggregateId aggregate) {
        return dynamo.queryPaginator(q -> q.tableName(table)
                        .consistentRead(true)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", EventItems.PK))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(aggregate.pk()))))
                .items().stream()
                .map(EventItems::fromItem)
                .toList();
    }

    @Override
    public Appended append(AggregateId aggregate, long expectedVersion, List<? extends DomainEvent> events,
                           UUID commandId) {
        if (events.isEmpty() || events.size() > MAX_EVENTS_PER_APPEND) {
            throw new IllegalArgumentException("an append holds 1 to " + MAX_EVENTS_PER_APPEND + " events, not " + events.size());
        }
        var occurredAt = clock.instant();
        var stored = new ArrayList<StoredEvent>(events.size());
        long version = expectedVersion;
        for (DomainEvent event : events) {
            stored.add(new StoredEvent(aggregate, ++version, UUID.randomUUID(), occurredAt, commandId,
                    EventItems.CURRENT_SCHEMA, event));
        }
        try {
            if (stored.size() == 1) {
                dynamo.putItem(p -> p.tableName(table)
                        .item(EventItems.toItem(stored.getFirst()))
                        .conditionExpression(NEW_KEY_ONLY));
            } else {
                dynamo.transactWriteItems(t -> t.transactItems(stored.stream().map(this::put).toList()));
            }
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrencyConflict(aggregate, expectedVersion);
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                throw new ConcurrencyConflict(aggregate, expectedVersion);
            }
            throw e;
        }
        return new Appended(aggregate, version, List.copyOf(stored));
    }

    private TransactWriteItem put(StoredEvent event) {
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(table).item(EventItems.toItem(event)).conditionExpression(NEW_KEY_ONLY).build())
                .build();
    }
}
