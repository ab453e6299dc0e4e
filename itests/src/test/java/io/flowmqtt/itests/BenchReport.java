package io.flowmqtt.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmarks' results: tables printed to the console and written as one small markdown file per benchmark
 * under {@code itests/target/benchmark/}, headed by the machine's load, so that a number is never pasted
 * without the conditions it was measured in. Also the few statistics they share.
 */
final class BenchReport {
    /** {@code -Dflow.bench.quick=true}: fewer and shorter runs, to prove a benchmark works, not to quote it. */
    static final boolean QUICK = Boolean.getBoolean("flow.bench.quick");

    private final String title;
    private final StringBuilder markdown = new StringBuilder();
    private final StringBuilder text = new StringBuilder();

    BenchReport(String title) {
        this.title = title;
        String conditions = "Measured " + Instant.now() + (QUICK ? " in QUICK mode (not for quoting)" : "") + "; "
                + Runtime.getRuntime().availableProcessors() + " cores, load average " + loadAverage()
                + ", Java " + System.getProperty("java.version") + ", heap max "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB.";
        markdown.append("### ").append(title).append("\n\n").append(conditions).append("\n\n");
        text.append("== ").append(title).append(" ==\n").append(conditions).append('\n');
    }

    /** A table: the header row, then the rows, each cell already formatted. */
    BenchReport table(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (List<String> row : concat(header, rows)) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (List<String> row : concat(header, rows)) {
            for (int c = 0; c < row.size(); c++) {
                text.append(String.format("%" + widths[c] + "s  ", row.get(c)));
            }
            text.append('\n');
        }
        markdown.append("| ").append(String.join(" | ", header)).append(" |\n|");
        markdown.append("---|".repeat(header.size())).append('\n');
        rows.forEach(row -> markdown.append("| ").append(String.join(" | ", row)).append(" |\n"));
        markdown.append('\n');
        text.append('\n');
        return this;
    }

    BenchReport note(String line) {
        markdown.append(line).append("\n\n");
        text.append(line).append('\n');
        return this;
    }

    /** Prints the report and writes {@code itests/target/benchmark/<file>.md}. */
    void finish(String file) throws IOException {
        System.out.println(text);
        Path dir = Path.of(System.getProperty("flow.itest.dir")).getParent().resolve("benchmark");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file + ".md"), markdown.toString());
    }

    private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The {@code p}-th percentile (0..100) by nearest rank; NaN for no values. */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double median(List<Double> values) {
        return percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), 50);
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    static String f0(double v) {
        return String.format("%,.0f", v);
    }

    static String f1(double v) {
        return String.format("%.1f", v);
    }

    static String f2(double v) {
        return String.format("%.2f", v);
    }
}
