package dev.tributary.query.report;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A report as a table: named columns and rows of values in that order. Served as JSON (an array of
 * objects) or, for {@code Accept: text/csv}, as RFC 4180 CSV with a header line.
 */
@Serdeable
public record Report(List<String> columns, List<List<Object>> rows) {

    /** JSON, or CSV when the request accepts {@code text/csv}. */
    public io.micronaut.http.HttpResponse<?> answer(io.micronaut.http.HttpRequest<?> request) {
        boolean csv = request.accept().stream().anyMatch(type -> type.getName().equals("text/csv"));
        return csv ? io.micronaut.http.HttpResponse.ok(csv()).contentType("text/csv; charset=utf-8")
                : io.micronaut.http.HttpResponse.ok(objects());
    }

    String csv() {
        var lines = new StringBuilder(String.join(",", columns.stream().map(Report::cell).toList())).append("\r\n");
        for (List<Object> row : rows) {
            lines.append(row.stream().map(v -> v == null ? "" : cell(v.toString())).collect(Collectors.joining(","))).append("\r\n");
        }
        return lines.toString();
    }

    List<java.util.Map<String, Object>> objects() {
        return rows.stream().map(row -> {
            var object = new java.util.LinkedHashMap<String, Object>();
            for (int i = 0; i < columns.size(); i++) {
                object.put(columns.get(i), row.get(i));
            }
            return (java.util.Map<String, Object>) object;
        }).toList();
    }

    private static String cell(String value) {
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
