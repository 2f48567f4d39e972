package dev.tributary.architecture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The approved samples of stored events: {@code META-INF/tributary/event-fixtures/<StoredName>.v<version>.json}
 * in each domain's events module, each an item of the events table in DynamoDB's JSON (as
 * {@code aws dynamodb get-item} prints it), written by the version that wrote that schema.
 */
final class EventFixtures {

    static final String DIRECTORY = "META-INF/tributary/event-fixtures/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventFixtures() {
    }

    static String path(String type, int version) {
        return DIRECTORY + type + ".v" + version + ".json";
    }

    /** The fixture's item, or null when there is none. */
    static Map<String, AttributeValue> read(String type, int version) throws IOException {
        try (InputStream in = EventFixtures.class.getClassLoader().getResourceAsStream(path(type, version))) {
            if (in == null) {
                return null;
            }
            var item = new LinkedHashMap<String, AttributeValue>();
            JSON.readTree(in).properties().forEach(e -> item.put(e.getKey(), attribute(e.getValue())));
            return item;
        }
    }

    static AttributeValue attribute(JsonNode typed) {
        var entry = typed.properties().iterator().next();
        JsonNode value = entry.getValue();
        return switch (entry.getKey()) {
            case "S" -> AttributeValue.fromS(value.textValue());
            case "N" -> AttributeValue.fromN(value.textValue());
            case "BOOL" -> AttributeValue.fromBool(value.booleanValue());
            case "NULL" -> AttributeValue.fromNul(true);
            case "M" -> {
                var map = new LinkedHashMap<String, AttributeValue>();
                value.properties().forEach(e -> map.put(e.getKey(), attribute(e.getValue())));
                yield AttributeValue.fromM(map);
            }
            case "L" -> {
                var list = new ArrayList<AttributeValue>();
                value.forEach(element -> list.add(attribute(element)));
                yield AttributeValue.fromL(list);
            }
            default -> throw new IllegalArgumentException("unsupported attribute type " + entry.getKey());
        };
    }

    /** An item as DynamoDB's JSON, attributes in name order, for a new fixture. */
    static String write(Map<String, AttributeValue> item) throws IOException {
        var root = JSON.createObjectNode();
        new TreeMap<>(item).forEach((name, value) -> root.set(name, typed(value)));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static ObjectNode typed(AttributeValue value) {
        var node = JSON.createObjectNode();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case M -> {
                var map = node.putObject("M");
                new TreeMap<>(value.m()).forEach((k, v) -> map.set(k, typed(v)));
            }
            case L -> {
                var list = node.putArray("L");
                value.l().forEach(v -> list.add(typed(v)));
            }
            default -> throw new IllegalArgumentException("unsupported attribute type " + value.type());
        }
        return node;
    }
}
