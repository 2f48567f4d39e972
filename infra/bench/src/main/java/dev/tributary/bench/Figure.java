package dev.tributary.bench;

import java.util.Locale;

/**
 * One benchmark figure: Tributary's value and, where there is one, the baseline's, measured in the
 * same run, each over several runs.
 *
 * @param id        a stable key for {@code latest.json}, such as {@code commands_32_clients}
 * @param title     what was measured, for the table
 * @param unit      of both values, such as {@code events/s} or {@code ms}
 * @param tributary Tributary's value
 * @param baseline  the baseline's value, or null for a figure without one
 * @param ratio     how the two compare, as the target states it (such as {@code 12.2×} or {@code 85%}), or null
 * @param target    what the issue asks for, or null
 * @param met       whether the target is met, or null when there is no target
 * @param note      anything a reader needs to read the figure right (percentiles, sizes), or null
 */
public record Figure(String id, String title, String unit, Stat tributary, Stat baseline, String ratio, String target,
                     Boolean met, String note) {

    String json() {
        return String.format(Locale.ROOT,
                "{\"id\":\"%s\",\"title\":\"%s\",\"unit\":\"%s\",\"tributary\":%s,\"baseline\":%s,\"ratio\":%s,\"target\":%s,\"met\":%s,\"note\":%s}",
                escape(id), escape(title), escape(unit), tributary.json(), baseline == null ? "null" : baseline.json(),
                quoted(ratio), quoted(target), met, quoted(note));
    }

    String row() {
        int decimals = tributary.median() >= 100 ? 0 : 1;
        return String.join(" | ", "| " + title,
                tributary.format(decimals) + " " + unit,
                baseline == null ? "—" : baseline.format(baseline.median() >= 100 ? 0 : 1) + " " + unit,
                ratio == null ? "—" : "**" + ratio + "**",
                target == null ? "—" : target,
                met == null ? "—" : met ? "yes" : "**no**",
                Integer.toString(tributary.runs()),
                note == null ? "" : note) + " |";
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + escape(s) + "\"";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
