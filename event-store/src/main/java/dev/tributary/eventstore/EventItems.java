package dev.tributary.eventstore;

import dev.tributary.events.AggregateId;
import dev.tributary.events.EventTypes;
import dev.tributary.events.StorableText;
import dev.tributary.events.StoredEvent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB item form of a {@link StoredEvent}, used for the events table and for the Stream's
 * {@code NEW_IMAGE}.
 *
 * <pre>
 * pk (S)  = &lt;AggregateType&gt;#&lt;id&gt;     sk (N) = version
 * type (S), eventId (S), occurredAt (S, ISO-8601), commandId (S), schema (N), data (M)
 * </pre>
 *
 * Round trips are exact: {@code fromItem(toItem(e)).equals(e)}.
 */
public final class EventItems {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String TYPE = "type";
    public static final String EVENT_ID = "eventId";
    public static final String OCCURRED_AT = "occurredAt";
    public static final String COMMAND_ID = "commandId";
    public static final String SCHEMA = "schema";
    public static final String DATA = "data";

    /** The schema version written for every event type today. */
    public static final int CURRENT_SCHEMA = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private static final ObjectMapper RAW = JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private EventItems() {
    }

    public static Map<String, AttributeValue> toItem(StoredEvent event) {
        var item = new HashMap<String, AttributeValue>();
        item.put(PK, AttributeValue.fromS(event.aggregateId().pk()));
        item.put(SK, AttributeValue.fromN(Long.toString(event.version())));
        item.put(TYPE, AttributeValue.fromS(event.type()));
        item.put(EVENT_ID, AttributeValue.fromS(event.eventId().toString()));
        item.put(OCCURRED_AT, AttributeValue.fromS(event.occurredAt().toString()));
        item.put(COMMAND_ID, AttributeValue.fromS(event.commandId().toString()));
        item.put(SCHEMA, AttributeValue.fromN(Integer.toString(event.schema())));
        item.put(DATA, JsonAttributes.toAttribute(JSON.valueToTree(event.data())));
        return item;
    }

    /**
     * Decodes an item.
     *
     * @throws UndecodableEventException when an attribute is missing or malformed, the type is unknown,
     *                                   or a string is not {@link StorableText}; the message names what is wrong
     */
    public static StoredEvent fromItem(Map<String, AttributeValue> item) {
        try {
            String unstorable = StorableAttributes.problemIn(item);
            if (unstorable != null) {
                throw new UndecodableEventException("event " + describe(item) + " cannot be stored as it is: " + unstorable);
            }
            String typeName = string(item, TYPE);
            var type = EventTypes.byName(typeName)
                    .orElseThrow(() -> new UndecodableEventException("unknown event type " + typeName));
            JsonNode data = JsonAttributes.toJson(required(item, DATA));
            if (!(data instanceof ObjectNode)) {
                throw new UndecodableEventException("attribute data is not a map");
            }
            return new StoredEvent(
                    AggregateId.parse(string(item, PK)),
                    Long.parseLong(required(item, SK).n()),
                    UUID.fromString(string(item, EVENT_ID)),
                    Instant.parse(string(item, OCCURRED_AT)),
                    UUID.fromString(string(item, COMMAND_ID)),
                    Integer.parseInt(required(item, SCHEMA).n()),
                    JSON.treeToValue(data, type));
        } catch (UndecodableEventException e) {
            throw e;
        } catch (Exception e) {
            throw new UndecodableEventException("cannot decode event " + describe(item) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The item as JSON, attribute by attribute, for dead letters and logs: a view that Postgres's
     * {@code jsonb} always accepts, every string {@link StorableText#sanitized}. Never throws: an
     * attribute that has no JSON form is written as the SDK's description of it.
     */
    public static String toJson(Map<String, AttributeValue> item) {
        return tree(item, true).toString();
    }

    /**
     * The item as JSON with every character outside printable ASCII escaped (as a backslash, u and four hex digits): the
     * exact strings, lone surrogates and NULs included, in bytes any store keeps. What a dead letter
     * keeps beside its sanitized view.
     */
    public static byte[] toRawJson(Map<String, AttributeValue> item) {
        try {
            return RAW.writeValueAsBytes(tree(item, false));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ObjectNode tree(Map<String, AttributeValue> item, boolean sanitize) {
        var node = JSON.createObjectNode();
        item.forEach((name, value) -> {
            String key = sanitize ? StorableText.sanitized(name) : name;
            try {
                JsonNode json = JsonAttributes.toJson(value);
                node.set(key, sanitize ? sanitized(json) : json);
            } catch (RuntimeException e) {
                node.put(key, sanitize ? StorableText.sanitized(String.valueOf(value)) : String.valueOf(value));
            }
        });
        return node;
    }

    private static JsonNode sanitized(JsonNode node) {
        if (node.isTextual()) {
            return JSON.getNodeFactory().textNode(StorableText.sanitized(node.textValue()));
        }
        if (node.isObject()) {
            var copy = JSON.createObjectNode();
            node.properties().forEach(e -> copy.set(StorableText.sanitized(e.getKey()), sanitized(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(sanitized(element)));
            return copy;
        }
        return node;
    }

    /** The key of an item for messages and dead letters, even when the rest cannot be decoded. */
    public static String describe(Map<String, AttributeValue> item) {
        var pk = item.get(PK);
        var sk = item.get(SK);
        return StorableText.sanitized((pk == null ? "?" : pk.s()) + "@" + (sk == null ? "?" : sk.n()));
    }

    private static AttributeValue required(Map<String, AttributeValue> item, String name) {
        var value = item.get(name);
        if (value == null) {
            throw new UndecodableEventException("attribute " + name + " is missing in " + describe(item));
        }
        return value;
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        var value = required(item, name).s();
        if (value == null) {
            throw new UndecodableEventException("attribute " + name + " is not a string in " + describe(item));
        }
        return value;
    }
}
