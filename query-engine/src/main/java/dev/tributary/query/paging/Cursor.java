package dev.tributary.query.paging;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * An opaque keyset cursor: the sort key and id of the last row of a page. The next page starts
 * strictly after it, so rows added meanwhile neither repeat nor shift the pages (no OFFSET).
 */
public record Cursor(String key, UUID id) {

    public static Cursor after(String key, UUID id) {
        return new Cursor(key, id);
    }

    public static Cursor after(OffsetDateTime key, UUID id) {
        return new Cursor(key.toString(), id);
    }

    /** @throws InvalidCursor when the text was not made by {@link #encode()} */
    public static Cursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = plain.lastIndexOf('|');
            return new Cursor(plain.substring(0, bar), UUID.fromString(plain.substring(bar + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InvalidCursor();
        }
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((key + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    public OffsetDateTime keyAsTime() {
        try {
            return OffsetDateTime.parse(key);
        } catch (DateTimeParseException e) {
            throw new InvalidCursor();
        }
    }

    /** A cursor that this service did not hand out. */
    public static final class InvalidCursor extends dev.tributary.kit.http.InvalidRequest {
        InvalidCursor() {
            super("the cursor is not one this service handed out; pass the next value of the previous page unchanged");
        }
    }
}
