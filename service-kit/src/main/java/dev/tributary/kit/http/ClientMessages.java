package dev.tributary.kit.http;

import java.util.regex.Pattern;

/**
 * Rewrites framework error messages into what a client can act on: the field it sent, not the
 * controller's argument name, and without parser internals.
 */
final class ClientMessages {

    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("Unknown property \\[([^\\]]+)]");
    private static final Pattern CONVERSION = Pattern.compile(
            "Failed to convert argument \\[([^\\]]+)] for value \\[(.*)] due to: (.*)", Pattern.DOTALL);
    private static final Pattern SOURCE = Pattern.compile("\\[Source: REDACTED \\([^)]*\\); ");
    private static final Pattern LOCATION_END = Pattern.compile("(column: \\d+)]");

    private ClientMessages() {
    }

    /** A field and a message; the field is null when the problem is not about one. */
    record Rewritten(String field, String message) {
    }

    static Rewritten rewrite(String field, String message) {
        var unknown = UNKNOWN_PROPERTY.matcher(message);
        if (unknown.find()) {
            return new Rewritten(unknown.group(1), "unknown field; remove it or check its spelling");
        }
        var conversion = CONVERSION.matcher(message);
        if (conversion.matches()) {
            String argument = conversion.group(1);
            String cause = clean(conversion.group(3));
            if ("request".equals(argument) || "body".equals(argument)) {
                return new Rewritten(null, cause);
            }
            return new Rewritten(argument, cause);
        }
        return new Rewritten(field, clean(message));
    }

    private static String clean(String message) {
        String withoutSource = LOCATION_END.matcher(SOURCE.matcher(message).replaceAll("")).replaceAll("$1");
        int newline = withoutSource.indexOf('\n');
        return (newline < 0 ? withoutSource : withoutSource.substring(0, newline)).strip();
    }
}
