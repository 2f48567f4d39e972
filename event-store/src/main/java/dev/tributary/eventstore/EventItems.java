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

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // A number or a boolean stored where text belongs is not text: no reader turns 42 into "42".
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(com.fasterxml.jackson.databind.type.LogicalType.Textual, text -> text
                    .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                    .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                    .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Boolean, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail))
            .build();
    private static final com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>> MAP =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };
    private static final java.util.regex.Pattern WELL_FORMED = java.util.regex.Pattern.compile("[A-Z][A-Za-z0-9]{0,79}");

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
        item.put(SCHEMA, AttributeValue.fromN(Integer.toString(EventTypes.registry().newestVersion(event.type()))));
        item.put(DATA, JsonAttributes.toAttribute(JSON.valueToTree(event.data())));
        return item;
    }

    /**
     * Decodes an item, bringing its data up to its type's newest schema version through the type's
     * upcasters. Data already at the newest version is bound as it is, with no upcasting at all.
     *
     * @throws NotReadableYet            when the item is well formed but of a type, an aggregate type or a
     *                                   schema version newer than this code knows: a later version reads it
     * @throws UndecodableEventException when an attribute is missing or malformed, or a string is not
     *                                   {@link StorableText}; the message names what is wrong
     */
    public static StoredEvent fromItem(Map<String, AttributeValue> item) {
        return fromItem(item, EventTypes.registry());
    }

    /** {@link #fromItem(Map)} with the event types of {@code registry}. */
    public static StoredEvent fromItem(Map<String, AttributeValue> item, EventTypes.Registry registry) {
        try {
            String unstorable = StorableAttributes.problemIn(item);
            if (unstorable != null) {
                throw new UndecodableEventException("event " + describe(item) + " cannot be stored as it is: " + unstorable);
            }
            String pk = string(item, PK);
            long version = Long.parseLong(required(item, SK).n());
            String typeName = string(item, TYPE);
            int schema = Integer.parseInt(required(item, SCHEMA).n());
            var type = registry.byName(typeName).orElse(null);
            if (type == null) {
                if (WELL_FORMED.matcher(typeName).matches() && schema >= 1) {
                    throw new NotReadableYet(pk, version, "is an event of type " + typeName + ", which no domain of this version registers");
                }
                throw new UndecodableEventException("unknown event type " + typeName);
            }
            int hash = pk.indexOf('#');
            String aggregateType = hash < 0 ? pk : pk.substring(0, hash);
            if (EventTypes.aggregateType(aggregateType).isEmpty() && WELL_FORMED.matcher(aggregateType).matches()) {
                throw new NotReadableYet(pk, version, "belongs to aggregate type " + aggregateType + ", which no domain of this version registers");
            }
            int newest = registry.newestVersion(typeName);
            if (schema > newest) {
                throw new NotReadableYet(pk, version, "is in schema " + schema + " of " + typeName + ", newer than the "
                        + newest + " this version reads");
            }
            if (schema < 1) {
                throw new UndecodableEventException("event " + describe(item) + " has schema " + schema + "; versions start at 1");
            }
            JsonNode data = JsonAttributes.toJson(required(item, DATA));
            if (!(data instanceof ObjectNode)) {
                throw new UndecodableEventException("attribute data is not a map");
            }
            var event = schema == newest
                    ? JSON.treeToValue(data, type)
                    : JSON.convertValue(registry.upcast(typeName, schema, JSON.convertValue(data, MAP)), type);
            return new StoredEvent(
                    AggregateId.parse(pk),
                    version,
                    UUID.fromString(string(item, EVENT_ID)),
                    Instant.parse(string(item, OCCURRED_AT)),
                    UUID.fromString(string(item, COMMAND_ID)),
                    event);
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
