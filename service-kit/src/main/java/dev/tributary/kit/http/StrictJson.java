package dev.tributary.kit.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tributary.events.StorableText;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.type.Argument;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON every service accepts, checked before a request body is bound: one well-formed document
 * with nothing after it, no key twice in an object, every string {@link StorableText}, and every
 * value of the JSON type its field declares. Nothing is coerced: {@code true} is not a quantity,
 * {@code "100"} is not an amount, {@code 1.5} is not a whole number and {@code ["orders"]} is not a
 * table name. Text is one line unless its field is {@link MultiLine}. Which fields exist and what values they allow stays the binder's and the validator's.
 */
public final class StrictJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final Set<Class<?>> INTEGRAL = Set.of(int.class, long.class, short.class, byte.class,
            Integer.class, Long.class, Short.class, Byte.class, BigInteger.class);
    private static final Set<Class<?>> NUMERIC = Set.of(double.class, float.class);

    private StrictJson() {
    }

    /** What is wrong with {@code body} as the JSON form of {@code type}; empty when nothing is. */
    public static List<Problem.FieldProblem> problems(byte[] body, Argument<?> type) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            return List.of(new Problem.FieldProblem(null, "the body is not one well-formed JSON document: "
                    + StorableText.sanitized(e.getOriginalMessage())));
        } catch (java.io.IOException e) {
            return List.of(new Problem.FieldProblem(null, "the body could not be read"));
        }
        if (root == null || root.isMissingNode()) {
            return List.of(new Problem.FieldProblem(null, "the body is empty; send a JSON document"));
        }
        var problems = new ArrayList<Problem.FieldProblem>();
        check(root, type, "", problems);
        return problems;
    }

    private static void check(JsonNode node, Argument<?> type, String path, List<Problem.FieldProblem> problems) {
        if (node.isTextual()) {
            boolean multiLine = type != null && type.getAnnotationMetadata().hasAnnotation(MultiLine.class);
            String why = StorableText.problem(node.textValue(), multiLine);
            if (why != null) {
                problems.add(new Problem.FieldProblem(field(path), "the text " + why));
                return;
            }
        }
        if (node.isObject()) {
            node.properties().forEach(e -> {
                String why = StorableText.problem(e.getKey());
                if (why != null) {
                    problems.add(new Problem.FieldProblem(field(path), "a field name " + why));
                }
            });
        }
        if (node.isNull() || type == null) {
            return;
        }
        Class<?> c = type.getType();
        if (c == Optional.class) {
            check(node, type.getFirstTypeVariable().orElse(null), path, problems);
            return;
        }
        Kind expected = expected(c);
        if (expected != null && !expected.accepts.test(node)) {
            problems.add(new Problem.FieldProblem(field(path), "must be " + expected.description + ", not " + kind(node)));
            return;
        }
        if (node.isArray()) {
            Argument<?> element = c.isArray() ? Argument.of(c.getComponentType()) : type.getFirstTypeVariable().orElse(null);
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), element, path + "[" + i + "]", problems);
            }
        } else if (node.isObject()) {
            if (Map.class.isAssignableFrom(c)) {
                Argument<?>[] parameters = type.getTypeParameters();
                Argument<?> value = parameters.length == 2 ? parameters[1] : null;
                node.properties().forEach(e -> check(e.getValue(), value, join(path, e.getKey()), problems));
                return;
            }
            BeanIntrospector.SHARED.findIntrospection(c).ifPresent(introspection -> node.properties().forEach(e ->
                    introspection.getProperty(e.getKey()).ifPresentOrElse(
                            property -> check(e.getValue(), property.asArgument(), join(path, e.getKey()), problems),
                            () -> check(e.getValue(), null, join(path, e.getKey()), problems))));
        } else {
            node.forEach(child -> check(child, null, path, problems));
        }
    }

    /** A JSON kind of value a field may require. */
    private enum Kind {
        STRING("a string", JsonNode::isTextual),
        BOOLEAN("true or false", JsonNode::isBoolean),
        WHOLE_NUMBER("a whole number", JsonNode::isIntegralNumber),
        NUMBER("a number", JsonNode::isNumber),
        ARRAY("an array", JsonNode::isArray),
        OBJECT("an object", JsonNode::isObject);

        final String description;
        final java.util.function.Predicate<JsonNode> accepts;

        Kind(String description, java.util.function.Predicate<JsonNode> accepts) {
            this.description = description;
            this.accepts = accepts;
        }
    }

    /** The JSON kind a Java type is written as, or null when any kind may do. */
    private static Kind expected(Class<?> c) {
        if (c == String.class || c == CharSequence.class || c == Character.class || c == char.class || c.isEnum()
                || c == java.util.UUID.class || Temporal.class.isAssignableFrom(c) || c == java.time.Duration.class
                || c == java.time.ZoneId.class || c == java.util.Currency.class || c == java.net.URI.class) {
            return Kind.STRING;
        }
        if (c == boolean.class || c == Boolean.class) {
            return Kind.BOOLEAN;
        }
        if (INTEGRAL.contains(c)) {
            return Kind.WHOLE_NUMBER;
        }
        if (NUMERIC.contains(c) || Number.class.isAssignableFrom(c)) {
            return Kind.NUMBER;
        }
        if (c.isArray() || Collection.class.isAssignableFrom(c)) {
            return Kind.ARRAY;
        }
        if (Map.class.isAssignableFrom(c) || BeanIntrospector.SHARED.findIntrospection(c).isPresent()) {
            return Kind.OBJECT;
        }
        return null;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case BOOLEAN -> node.booleanValue() ? "true" : "false";
            case NUMBER -> node.isIntegralNumber() ? "a whole number" : "a number with a fraction";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

    private static String join(String path, String name) {
        String safe = StorableText.sanitized(name);
        return path.isEmpty() ? safe : path + "." + safe;
    }

    private static String field(String path) {
        return path.isEmpty() ? null : path;
    }
}
