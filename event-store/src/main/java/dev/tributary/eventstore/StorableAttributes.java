package dev.tributary.eventstore;

import dev.tributary.events.StorableText;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link StorableText}'s rule over a whole DynamoDB item, as every event reader applies it. */
final class StorableAttributes {

    private StorableAttributes() {
    }

    /**
     * The first string in an item, attribute names included and nested maps and lists searched, that
     * {@link StorableText#problem} objects to, as {@code "<path> <why>"}; null when every string is storable.
     */
    static String problemIn(Map<String, AttributeValue> item) {
        for (var entry : item.entrySet()) {
            String found = problemIn(entry.getKey(), entry.getKey(), entry.getValue());
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String problemIn(String path, String name, AttributeValue value) {
        String why = StorableText.problem(name);
        if (why != null) {
            return "attribute name " + StorableText.sanitized(path) + " " + why;
        }
        if (value.s() != null) {
            why = StorableText.problem(value.s());
            return why == null ? null : "attribute " + StorableText.sanitized(path) + " " + why;
        }
        if (value.hasM()) {
            for (var entry : value.m().entrySet()) {
                String found = problemIn(path + "." + entry.getKey(), entry.getKey(), entry.getValue());
                if (found != null) {
                    return found;
                }
            }
        }
        if (value.hasL()) {
            List<AttributeValue> list = value.l();
            for (int i = 0; i < list.size(); i++) {
                String found = problemIn(path + "[" + i + "]", "", list.get(i));
                if (found != null) {
                    return found;
                }
            }
        }
        if (value.hasSs()) {
            for (String s : value.ss()) {
                why = StorableText.problem(s);
                if (why != null) {
                    return "attribute " + StorableText.sanitized(path) + " " + why;
                }
            }
        }
        return null;
    }
}
