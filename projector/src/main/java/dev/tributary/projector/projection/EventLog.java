package dev.tributary.projector.projection;

import dev.tributary.events.EventItems;
import dev.tributary.events.StoredEvent;
import dev.tributary.events.TableNames;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads events straight from the events table, the durable log behind the stream. */
@Singleton
public final class EventLog {

    private final DynamoDbClient dynamo;
    private final String table;

    EventLog(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.events();
    }

    /** Versions {@code from..to} (inclusive) of one aggregate, in order, read strongly consistently. */
    public List<StoredEvent> between(String aggregate, long from, long to) {
        return dynamo.queryPaginator(q -> q.tableName(table)
                        .consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                        .expressionAttributeNames(Map.of("#pk", EventItems.PK, "#sk", EventItems.SK))
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS(aggregate),
                                ":from", AttributeValue.fromN(Long.toString(from)),
                                ":to", AttributeValue.fromN(Long.toString(to)))))
                .items().stream()
                .map(EventItems::fromItem)
                .toList();
    }
}
