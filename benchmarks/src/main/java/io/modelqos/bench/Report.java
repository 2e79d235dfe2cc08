package io.modelqos.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The bench's table: one row per figure, with its target and whether it is met; Markdown, so docs can quote it. */
public final class Report {
    /** One figure. {@code met} is "yes", "no", "n/a" or a short qualified verdict. */
    public record Row(String id, String figure, String measured, String target, String met) {
    }

    private final List<String> header = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public void header(String line) {
        header.add(line);
    }

    public void row(String id, String figure, String measured, String target, String met) {
        rows.add(new Row(id, figure, measured, target, met));
    }

    public void note(String line) {
        notes.add(line);
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public void print(PrintStream out) {
        for (String h : header) {
            out.println(h);
        }
        out.println();
        out.println("| # | figure | measured | target | met |");
        out.println("| --- | --- | --- | --- | --- |");
        for (Row r : rows) {
            out.println("| " + r.id() + " | " + r.figure() + " | " + r.measured() + " | " + r.target() + " | " + r.met() + " |");
        }
        if (!notes.isEmpty()) {
            out.println();
            for (String n : notes) {
                out.println("- " + n);
            }
        }
        out.flush();
    }

    // ------------------------------------------------------------------ formatting helpers

    public static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "n/a";
        }
        return millis < 10 ? String.format(Locale.ROOT, "%.2f ms", millis) : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    public static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f/s", perSecond);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String ratio(double r) {
        return Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.2f×", r);
    }

    public static String kib(double bytes) {
        return String.format(Locale.ROOT, "%.2f KiB", bytes / 1024.0);
    }

    public static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f s", s);
    }

    /** "yes" when {@code value <= limit}, else "no (+x% over)". */
    public static String atMost(double value, double limit) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value <= limit ? "yes" : String.format(Locale.ROOT, "no (%.0f%% over)", (value / limit - 1) * 100);
    }

    /** "yes" when {@code value >= floor}, else "no (x% short)". */
    public static String atLeast(double value, double floor) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value >= floor ? "yes" : String.format(Locale.ROOT, "no (%.0f%% short)", (1 - value / floor) * 100);
    }
}
