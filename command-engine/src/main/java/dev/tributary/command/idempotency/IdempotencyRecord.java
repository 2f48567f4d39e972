package dev.tributary.command.idempotency;

import dev.tributary.command.http.CommandAccepted;
import dev.tributary.eventstore.EventStoreTables;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;

/**
 * What the idempotency table keeps for one key: the hash of the request that holds it, the command
 * that holds it, and once that command is answered, its response.
 *
 * <p>A record without a response is a claim: its command is deciding, and the claim expires at
 * {@code expiresAt}, a short lease. The answered record replaces the claim in the same transaction as
 * the command's events, with a TTL of 24 h. Past {@code expiresAt} a record is treated as absent.
 *
 * @param response the answer; null while the command is in flight
 */
public record IdempotencyRecord(String key, String requestHash, UUID commandId, @Nullable StoredResponse response,
                                Instant expiresAt) {

    static final String HASH = "requestHash";
    static final String COMMAND_ID = "commandId";
    static final String STATUS = "status";
    private static final String ID = "id";
    private static final String AGGREGATE = "aggregate";
    private static final String VERSION = "version";
    private static final String LOCATION = "location";
    private static final String TOKEN = "consistencyToken";

    public boolean answered() {
        return response != null;
    }

    /** This claim answered with {@code answer}, kept until {@code expiresAt}. */
    public IdempotencyRecord answer(StoredResponse answer, Instant expiresAt) {
        return new IdempotencyRecord(key, requestHash, commandId, answer, expiresAt);
    }

    /** The conditional put that answers the key; it fails if this record's command no longer holds it. */
    public Put put(String table) {
        return Put.builder()
                .tableName(table)
                .item(toItem())
                .conditionExpression("#commandId = :commandId")
                .expressionAttributeNames(Map.of("#commandId", COMMAND_ID))
                .expressionAttributeValues(Map.of(":commandId", AttributeValue.fromS(commandId.toString())))
                .build();
    }

    Map<String, AttributeValue> toItem() {
        var item = new HashMap<String, AttributeValue>();
        item.put(EventStoreTables.IDEMPOTENCY_KEY, AttributeValue.fromS(key));
        item.put(HASH, AttributeValue.fromS(requestHash));
        item.put(COMMAND_ID, AttributeValue.fromS(commandId.toString()));
        if (response != null) {
            item.put(STATUS, AttributeValue.fromN(Integer.toString(response.status())));
            item.put(ID, AttributeValue.fromS(response.body().id().toString()));
            item.put(AGGREGATE, AttributeValue.fromS(response.body().aggregate()));
            item.put(VERSION, AttributeValue.fromN(Long.toString(response.body().version())));
            item.put(TOKEN, AttributeValue.fromS(response.consistencyToken()));
            if (response.location() != null) {
                item.put(LOCATION, AttributeValue.fromS(response.location()));
            }
        }
        item.put(EventStoreTables.IDEMPOTENCY_TTL, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
        return item;
    }

    static IdempotencyRecord fromItem(Map<String, AttributeValue> item) {
        return new IdempotencyRecord(
                item.get(EventStoreTables.IDEMPOTENCY_KEY).s(),
                item.get(HASH).s(),
                UUID.fromString(item.get(COMMAND_ID).s()),
                item.containsKey(STATUS) ? response(item) : null,
                Instant.ofEpochSecond(Long.parseLong(item.get(EventStoreTables.IDEMPOTENCY_TTL).n())));
    }

    private static StoredResponse response(Map<String, AttributeValue> item) {
        var location = item.get(LOCATION);
        return new StoredResponse(Integer.parseInt(item.get(STATUS).n()),
                new CommandAccepted(UUID.fromString(item.get(ID).s()), item.get(AGGREGATE).s(),
                        Long.parseLong(item.get(VERSION).n())),
                location == null ? null : location.s(), item.get(TOKEN).s());
    }
}
