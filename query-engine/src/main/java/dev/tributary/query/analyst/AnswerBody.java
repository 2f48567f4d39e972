package dev.tributary.query.analyst;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An answer's body as it is written: rows in a {@link Format}, never more than the byte cap of them,
 * then the end, with the reasons it was cut if it was. A row is built whole before it is written, and
 * given up as soon as it would pass the cap, so the JVM holds at most the cap and one value of it.
 */
final class AnswerBody {

    private final Format format;
    private final long byteCap;
    private final AnswerPipe pipe;
    private final Set<String> truncated = new LinkedHashSet<>();
    private final StringBuilder row = new StringBuilder();
    private List<String> names = List.of();
    private long bytes;
    private boolean anyRows;

    AnswerBody(Format format, long byteCap, AnswerPipe pipe) {
        this.format = format;
        this.byteCap = byteCap;
        this.pipe = pipe;
    }

    /** Starts the answer, whose columns are named {@code names}. */
    void begin(List<String> names) throws AnswerPipe.ReaderGone, InterruptedException {
        this.names = names;
        write(format.begin(names).getBytes(StandardCharsets.UTF_8));
    }

    /** Starts the next row; false when it would pass the byte cap, and the answer ends before it. */
    boolean rowStart() {
        row.setLength(0);
        format.rowStart(row, !anyRows);
        return fits();
    }

    /** Adds a value to the row; false when the row would pass the byte cap, and the answer ends before it. */
    boolean value(int index, Column.Value value, int valueChars) {
        if (value != null && value.cut()) {
            truncated.add("values longer than " + valueChars + " characters were cut to their first " + valueChars);
        }
        format.value(row, index, names.get(index), value);
        return fits();
    }

    /** Writes the row; false when it would pass the byte cap, and the answer ends before it. */
    boolean rowEnd() throws AnswerPipe.ReaderGone, InterruptedException {
        format.rowEnd(row);
        byte[] encoded = row.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes + encoded.length > byteCap) {
            return overCap();
        }
        write(encoded);
        anyRows = true;
        return true;
    }

    void truncated(String why) {
        truncated.add(why);
    }

    boolean isTruncated() {
        return !truncated.isEmpty();
    }

    /** Writes the end of the answer and closes it. */
    void end() throws AnswerPipe.ReaderGone, InterruptedException {
        write(format.end(names.size(), anyRows, truncated.isEmpty() ? null : String.join("; ", truncated))
                .getBytes(StandardCharsets.UTF_8));
        pipe.finish();
    }

    private boolean fits() {
        return bytes + row.length() <= byteCap || overCap();
    }

    private boolean overCap() {
        row.setLength(0);
        truncated.add("the answer reached its cap of " + byteCap + " bytes");
        return false;
    }

    private void write(byte[] encoded) throws AnswerPipe.ReaderGone, InterruptedException {
        pipe.write(encoded);
        bytes += encoded.length;
    }
}
