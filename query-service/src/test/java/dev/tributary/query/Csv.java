package dev.tributary.query;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV read back into lines of cells, for tests. */
final class Csv {

    private Csv() {
    }

    static List<List<String>> parse(String text) {
        var lines = new ArrayList<List<String>>();
        var line = new ArrayList<String>();
        var cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                line.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                line.add(cell.toString());
                cell.setLength(0);
                lines.add(line);
                line = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        if (quoted || cell.length() > 0 || !line.isEmpty()) {
            throw new IllegalArgumentException("the CSV does not end with a complete line");
        }
        return lines;
    }
}
