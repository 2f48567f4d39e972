package dev.tributary.bench;

import java.util.List;
import java.util.Locale;

/** One measured quantity over several runs: how many, the median, and the spread (min and max). */
public record Stat(int runs, double median, double min, double max) {

    public static Stat of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Stat(n, median, sorted[0], sorted[n - 1]);
    }

    /** {@code 4,184 (3,950–4,300)}, with as many decimals as given; one run shows no range. */
    public String format(int decimals) {
        String number = "%,." + decimals + "f";
        return runs == 1 ? String.format(Locale.ROOT, number, median)
                : String.format(Locale.ROOT, number + " (" + number + "–" + number + ")", median, min, max);
    }

    String json() {
        return String.format(Locale.ROOT, "{\"runs\":%d,\"median\":%.3f,\"min\":%.3f,\"max\":%.3f}", runs, median, min, max);
    }
}
