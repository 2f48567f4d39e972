package dev.tributary.eventstore;

import dev.tributary.events.AggregateId;
import dev.tributary.events.StoredEvent;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads one aggregate's events from the events table, strongly consistently, in version order. */
public final class EventQueries {

    private EventQueries() {
    }

    /** Every event of the aggregate; empty when it has none. */
    public static List<StoredEvent> all(DynamoDbClient dynamo, String table, AggregateId aggregate) {
        return between(dynamo, table, aggregate, 1, Long.MAX_VALUE);
    }

    /** Versions {@code from..to}, inclusive. */
    public static List<StoredEvent> between(DynamoDbClient dynamo, String table, AggregateId aggregate, long from, long to) {
        return dynamo.queryPaginator(q -> q.tableName(table)
                        .consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                        .expressionAttributeNames(Map.of("#pk", EventItems.PK, "#sk", EventItems.SK))
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS(aggregate.pk()),
                                ":from", AttributeValue.fromN(Long.toString(from)),
                                ":to", AttributeValue.fromN(Long.toString(to)))))
                .items().stream()
                .map(EventItems::fromItem)
                .toList();
    }
}
