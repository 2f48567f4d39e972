package dev.tributary.command.snapshot;

import dev.tributary.events.Money;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The field types of the snapshot formats, written and read the same way by every {@link StateCodec}.
 * A reader throws {@link UndecodableState} naming the field that is missing or malformed.
 */
public final class StateMaps {

    /** Names which variant of a sealed state a map holds. */
    public static final String KIND = "kind";

    private StateMaps() {
    }

    public static AttributeValue text(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public static AttributeValue uuid(UUID value) {
        return AttributeValue.fromS(value.toString());
    }

    public static AttributeValue money(Money value) {
        return AttributeValue.fromM(Map.of("minor", number(value.minor()), "currency", text(value.currency())));
    }

    public static String kind(Map<String, AttributeValue> map) {
        return text(map, KIND);
    }

    public static String text(Map<String, AttributeValue> map, String name) {
        String value = required(map, name).s();
        if (value == null) {
            throw new UndecodableState("field " + name + " is not a string");
        }
        return value;
    }

    public static long number(Map<String, AttributeValue> map, String name) {
        String value = required(map, name).n();
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException | NullPointerException e) {
            throw new UndecodableState("field " + name + " is not a whole number: " + value);
        }
    }

    public static UUID uuid(Map<String, AttributeValue> map, String name) {
        try {
            return UUID.fromString(text(map, name));
        } catch (IllegalArgumentException e) {
            throw new UndecodableState("field " + name + " is not a UUID");
        }
    }

    public static Money money(Map<String, AttributeValue> map, String name) {
        var money = map(map, name);
        try {
            return new Money(number(money, "minor"), text(money, "currency"));
        } catch (IllegalArgumentException e) {
            throw new UndecodableState("field " + name + " is not money: " + e.getMessage());
        }
    }

    public static Map<String, AttributeValue> map(Map<String, AttributeValue> map, String name) {
        var value = required(map, name);
        if (!value.hasM()) {
            throw new UndecodableState("field " + name + " is not a map");
        }
        return value.m();
    }

    public static List<AttributeValue> list(Map<String, AttributeValue> map, String name) {
        var value = required(map, name);
        if (!value.hasL()) {
            throw new UndecodableState("field " + name + " is not a list");
        }
        return value.l();
    }

    /** The map an element of a list holds. */
    public static Map<String, AttributeValue> map(AttributeValue element) {
        if (!element.hasM()) {
            throw new UndecodableState("a list element is not a map");
        }
        return element.m();
    }

    public static UndecodableState unknownKind(String kind) {
        return new UndecodableState("unknown kind " + kind);
    }

    private static AttributeValue required(Map<String, AttributeValue> map, String name) {
        var value = map.get(name);
        if (value == null) {
            throw new UndecodableState("field " + name + " is missing");
        }
        return value;
    }
}
