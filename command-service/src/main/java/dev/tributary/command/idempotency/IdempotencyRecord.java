package dev.tributary.command.idempotency;

import dev.tributary.command.http.CommandAccepted;
import dev.tributary.events.EventStoreTables;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;

/**
 * What the idempotency table keeps for one key: the hash of the request it was first used with,
 * and the response. Written in the same transaction as the command's events, with a TTL of 24 h.
 */
public record IdempotencyRecord(String key, String requestHash, UUID commandId, StoredResponse response,
                                Instant expiresAt) {

    private static final String HASH = "requestHash";
    private static final String COMMAND_ID = "commandId";
    private static final String STATUS = "status";
    private static final String ID = "id";
    private static final String AGGREGATE = "aggregate";
    private static final String VERSION = "version";
    private static final String LOCATION = "location";
    private static final String TOKEN = "consistencyToken";

    /** The conditional put that claims the key; it fails if the key was claimed first. */
    public Put put(String table) {
        return Put.builder()
                .tableName(table)
                .item(toItem())
                .conditionExpression("attribute_not_exists(#key)")
                .expressionAttributeNames(Map.of("#key", EventStoreTables.IDEMPOTENCY_KEY))
                .build();
    }

    public Map<String, AttributeValue> toItem() {
        var item = new HashMap<String, AttributeValue>();
        item.put(EventStoreTables.IDEMPOTENCY_KEY, AttributeValue.fromS(key));
        item.put(HASH, AttributeValue.fromS(requestHash));
        item.put(COMMAND_ID, AttributeValue.fromS(commandId.toString()));
        item.put(STATUS, AttributeValue.fromN(Integer.toString(response.status())));
        item.put(ID, AttributeValue.fromS(response.body().id().toString()));
        item.put(AGGREGATE, AttributeValue.fromS(response.body().aggregate()));
        item.put(VERSION, AttributeValue.fromN(Long.toString(response.body().version())));
        item.put(TOKEN, AttributeValue.fromS(response.consistencyToken()));
        if (response.location() != null) {
            item.put(LOCATION, AttributeValue.fromS(response.location()));
        }
        item.put(EventStoreTables.IDEMPOTENCY_TTL, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
        return item;
    }

    static IdempotencyRecord fromItem(Map<String, AttributeValue> item) {
        var location = item.get(LOCATION);
        return new IdempotencyRecord(
                item.get(EventStoreTables.IDEMPOTENCY_KEY).s(),
                item.get(HASH).s(),
                UUID.fromString(item.get(COMMAND_ID).s()),
                new StoredResponse(Integer.parseInt(item.get(STATUS).n()),
                        new CommandAccepted(UUID.fromString(item.get(ID).s()), item.get(AGGREGATE).s(),
                                Long.parseLong(item.get(VERSION).n())),
                        location == null ? null : location.s(), item.get(TOKEN).s()),
                Instant.ofEpochSecond(Long.parseLong(item.get(EventStoreTables.IDEMPOTENCY_TTL).n())));
    }
}
