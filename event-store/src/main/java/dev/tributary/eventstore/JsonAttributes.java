package dev.tributary.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts between JSON trees and DynamoDB attribute values, so event payloads are stored as native
 * maps that the console and PartiQL can read. Integers keep their exact value.
 */
final class JsonAttributes {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private JsonAttributes() {
    }

    static AttributeValue toAttribute(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                var map = new LinkedHashMap<String, AttributeValue>();
                node.properties().forEach(e -> map.put(e.getKey(), toAttribute(e.getValue())));
                yield AttributeValue.fromM(map);
            }
            case ARRAY -> {
                var list = new ArrayList<AttributeValue>();
                node.forEach(element -> list.add(toAttribute(element)));
                yield AttributeValue.fromL(list);
            }
            case STRING -> AttributeValue.fromS(node.textValue());
            case NUMBER -> AttributeValue.fromN(node.numberValue().toString());
            case BOOLEAN -> AttributeValue.fromBool(node.booleanValue());
            case NULL, MISSING -> AttributeValue.fromNul(true);
            case BINARY, POJO -> throw new IllegalArgumentException("unsupported JSON node " + node.getNodeType());
        };
    }

    static JsonNode toJson(AttributeValue value) {
        return switch (value.type()) {
            case M -> {
                ObjectNode object = NODES.objectNode();
                value.m().forEach((k, v) -> object.set(k, toJson(v)));
                yield object;
            }
            case L -> {
                ArrayNode array = NODES.arrayNode();
                value.l().forEach(v -> array.add(toJson(v)));
                yield array;
            }
            case S -> NODES.textNode(value.s());
            case N -> number(value.n());
            case BOOL -> NODES.booleanNode(value.bool());
            case NUL -> NODES.nullNode();
            case B, SS, NS, BS, UNKNOWN_TO_SDK_VERSION ->
                    throw new UndecodableEventException("unsupported attribute type " + value.type());
        };
    }

    private static JsonNode number(String n) {
        if (n.indexOf('.') < 0 && n.indexOf('e') < 0 && n.indexOf('E') < 0) {
            var integer = new BigInteger(n);
            return integer.bitLength() < 64 ? NODES.numberNode(integer.longValue()) : NODES.numberNode(integer);
        }
        return NODES.numberNode(new BigDecimal(n));
    }
}
