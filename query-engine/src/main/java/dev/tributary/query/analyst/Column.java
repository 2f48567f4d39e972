package dev.tributary.query.analyst;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * One column of an analyst's answer: its name, its Postgres type, and how its values are read. Values
 * of a small fixed size are read as they are; every other value is read as Postgres's own text, cut by
 * Postgres to one character over the cap, so no value longer than the cap reaches the JVM.
 */
record Column(String name, String type, Kind kind) {

    /** How a value is written in JSON; in CSV every value is its text. */
    enum Kind { NUMBER, BOOLEAN, JSON, INSTANT, TIMESTAMP, TEXT }

    private static final Set<String> FIXED_SIZE = Set.of("int2", "int4", "int8", "oid", "float4", "float8", "bool",
            "date", "time", "timetz", "timestamp", "timestamptz", "uuid");

    static Column of(String name, String type) {
        var kind = switch (type) {
            case "int2", "int4", "int8", "oid", "float4", "float8", "numeric" -> Kind.NUMBER;
            case "bool" -> Kind.BOOLEAN;
            case "json", "jsonb" -> Kind.JSON;
            case "timestamptz" -> Kind.INSTANT;
            case "timestamp" -> Kind.TIMESTAMP;
            default -> Kind.TEXT;
        };
        return new Column(name, type, kind);
    }

    /** The expression that selects this column, as {@code alias}, from the analyst's query. */
    String select(String alias, int valueChars) {
        return FIXED_SIZE.contains(type) ? alias : "left((" + alias + ")::text, " + (valueChars + 1) + ")";
    }

    /** The most bytes one value can take on the wire. */
    long maxBytes(int valueChars) {
        return FIXED_SIZE.contains(type) ? 64 : 4L * (valueChars + 1);
    }

    /** The value at {@code index}, cut to {@code valueChars} characters; null for SQL NULL. */
    Value read(ResultSet rows, int index, int valueChars) throws SQLException {
        String text = rows.getString(index);
        if (text == null) {
            return null;
        }
        if (text.equals("infinity") || text.equals("-infinity")) {
            return new Value(text, Kind.TEXT, false);
        }
        return switch (kind) {
            case INSTANT -> new Value(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    rows.getObject(index, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC)), kind, false);
            case TIMESTAMP -> new Value(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(rows.getObject(index, LocalDateTime.class)), kind, false);
            case BOOLEAN -> new Value(text.startsWith("t") ? "true" : "false", kind, false);
            default -> text.length() > valueChars ? new Value(text.substring(0, valueChars), kind, true) : new Value(text, kind, false);
        };
    }

    /**
     * One value as text.
     *
     * @param cut true when it was longer than the cap and only its first characters are here
     */
    record Value(String text, Kind kind, boolean cut) {
    }
}
