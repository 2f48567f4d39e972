package dev.tributary.query.analyst;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.micronaut.http.HttpRequest;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How an analyst's answer is written, piece by piece as its rows are read: JSON, an array with one object
 * per row, or, for {@code Accept: text/csv}, RFC 4180 CSV with a header line. A truncated answer ends with
 * a marker saying why: in JSON a last element {@code {"@truncated": "<why>"}}, in CSV a last line whose
 * first cell is {@code # truncated: <why>}.
 */
sealed interface Format {

    String TRUNCATED = "@truncated";

    static Format of(HttpRequest<?> request) {
        boolean csv = request.accept().stream().anyMatch(type -> type.getName().equals("text/csv"));
        return csv ? new Csv() : new Json();
    }

    String contentType();

    String begin(List<String> names);

    /** Starts a row; {@code first} is true for the first row of the answer. */
    void rowStart(StringBuilder out, boolean first);

    /** Appends the value of the column {@code index}, named {@code name}; null for SQL NULL. */
    void value(StringBuilder out, int index, String name, Column.Value value);

    void rowEnd(StringBuilder out);

    String end(int columns, boolean anyRows, String truncated);

    /** JSON rows; numbers stay exact, json and jsonb are embedded, everything else is a string. */
    record Json() implements Format {

        private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

        @Override
        public String contentType() {
            return "application/json";
        }

        @Override
        public String begin(List<String> names) {
            return "[";
        }

        @Override
        public void rowStart(StringBuilder out, boolean first) {
            out.append(first ? "{" : ",{");
        }

        @Override
        public void value(StringBuilder out, int index, String name, Column.Value value) {
            string(out.append(index == 0 ? "" : ","), name).append(':');
            if (value == null) {
                out.append("null");
                return;
            }
            boolean raw = !value.cut() && switch (value.kind()) {
                case NUMBER -> NUMBER.matcher(value.text()).matches();
                case BOOLEAN, JSON -> true;
                case INSTANT, TIMESTAMP, TEXT -> false;
            };
            if (raw) {
                out.append(value.text());
            } else {
                string(out, value.text());
            }
        }

        @Override
        public void rowEnd(StringBuilder out) {
            out.append('}');
        }

        @Override
        public String end(int columns, boolean anyRows, String truncated) {
            if (truncated == null) {
                return "]";
            }
            return string(new StringBuilder(anyRows ? ",{" : "{"), TRUNCATED).append(':')
                    .append(string(new StringBuilder(), truncated)).append("}]").toString();
        }

        private static StringBuilder string(StringBuilder out, String text) {
            out.append('"');
            JsonStringEncoder.getInstance().quoteAsString(text, out);
            return out.append('"');
        }
    }

    /** CSV rows; a value is its text, NULL is an empty cell. */
    record Csv() implements Format {

        @Override
        public String contentType() {
            return "text/csv; charset=utf-8";
        }

        @Override
        public String begin(List<String> names) {
            var header = new StringBuilder();
            for (int i = 0; i < names.size(); i++) {
                cell(header.append(i == 0 ? "" : ","), names.get(i));
            }
            return header.append("\r\n").toString();
        }

        @Override
        public void rowStart(StringBuilder out, boolean first) {
        }

        @Override
        public void value(StringBuilder out, int index, String name, Column.Value value) {
            out.append(index == 0 ? "" : ",");
            if (value != null) {
                cell(out, value.text());
            }
        }

        @Override
        public void rowEnd(StringBuilder out) {
            out.append("\r\n");
        }

        @Override
        public String end(int columns, boolean anyRows, String truncated) {
            if (truncated == null) {
                return "";
            }
            return cell(new StringBuilder(), "# truncated: " + truncated).append(",".repeat(Math.max(0, columns - 1))).append("\r\n").toString();
        }

        private static StringBuilder cell(StringBuilder out, String value) {
            boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
            return quote ? out.append('"').append(value.replace("\"", "\"\"")).append('"') : out.append(value);
        }
    }
}
