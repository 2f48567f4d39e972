package dev.tributary.events;

import java.util.List;
import java.util.Map;

/**
 * The one rule for text that an event may carry: every string must be storable unchanged in
 * DynamoDB and in Postgres, and read back identically through the stream. So it is well-formed
 * Unicode (no lone UTF-16 surrogate, which DynamoDB keeps and Postgres turns into {@code ?}) with no
 * control character (U+0000–U+001F, U+007F–U+009F): Postgres refuses NUL in {@code text} and
 * the escaped NUL in {@code jsonb}, and the others have no place in a name, a SKU or a reason.
 *
 * <p>The command service refuses such text at its edge; the projector parks an event that carries
 * it, whoever wrote it.
 */
public final class StorableText {

    private static final char REPLACEMENT = '\uFFFD';

    private StorableText() {
    }

    /** Why {@code text} cannot be stored unchanged, or null when it can. */
    public static String problem(String text) {
        return problem(text, false);
    }

    /**
     * As {@link #problem(String)}, and with {@code lineBreaks} true, line feeds, carriage returns and
     * tabs are allowed: text such as SQL, which is never stored in an event.
     */
    public static String problem(String text, boolean lineBreaks) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("holds a lone UTF-16 surrogate (U+%04X) at character %d, which is not Unicode text", (int) c, i);
            } else if (Character.isISOControl(c) && !(lineBreaks && (c == '\n' || c == '\r' || c == '\t'))) {
                return String.format("holds a control character (U+%04X) at character %d; names, SKUs and reasons are plain text", (int) c, i);
            }
        }
        return null;
    }

    /** {@code text} with every character {@link #problem} objects to replaced by U+FFFD: a view safe to store anywhere. */
    public static String sanitized(String text) {
        if (problem(text) == null) {
            return text;
        }
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) || Character.isISOControl(c) ? REPLACEMENT : c);
            }
        }
        return out.toString();
    }
}
