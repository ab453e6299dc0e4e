package io.flowmqtt.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * The chart beside the results: three panels of bars (throughput, latency p50 and p99, RSS), one colour per bridge,
 * each bar labelled with its value. Plain SVG 1.1 with no script, fonts or external references, so GitHub shows it in
 * a README as an image.
 */
public final class SvgChart {
    private static final int WIDTH = 1020;
    private static final int HEIGHT = 340;
    private static final int PANEL = WIDTH / 3;
    private static final int TOP = 70;
    private static final int BOTTOM = 290;
    private static final String[] COLOURS = {"#2b6cb0", "#dd6b20"};

    /** One bar: its label under it, its value, the colour's index. */
    record Bar(String label, double value, int colour) {
    }

    private SvgChart() {
    }

    public static String render(Report report) {
        Map<String, Measured> medians = report.medians();
        List<String> bridges = report.bridges();
        List<Bar> throughput = new ArrayList<>();
        List<Bar> latency = new ArrayList<>();
        List<Bar> rss = new ArrayList<>();
        for (int i = 0; i < bridges.size(); i++) {
            Measured m = medians.get(bridges.get(i));
            throughput.add(new Bar(bridges.get(i), m.throughput(), i));
            latency.add(new Bar("p50", m.latency().p50(), i));
            latency.add(new Bar("p99", m.latency().p99(), i));
            rss.add(new Bar(bridges.get(i), m.rssMegabytes(), i));
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        String title = report.runs().size() == 1 ? "one run" : "median of " + report.runs().size() + " runs";
        text(svg, WIDTH / 2, 22, "middle", 15, "bold", "FLOW webhook → MQTT subscriber, QoS 1 (" + title + ", " + report.date() + ")");
        legend(svg, bridges);
        panel(svg, 0, "Throughput, msg/s (higher is better)", throughput, v -> Report.number(v, 0));
        panel(svg, 1, "Latency at " + Report.number(report.options().rate(), 0) + " msg/s, ms (lower is better)", latency,
                Report::millis);
        panel(svg, 2, "RSS after the load, MB (lower is better)", rss, v -> Report.number(v, 0));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void legend(StringBuilder svg, List<String> bridges) {
        int x = WIDTH / 2 - 90 * bridges.size() / 2;
        for (int i = 0; i < bridges.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"34\" width=\"12\" height=\"12\" fill=\"%s\"/>\n", x, COLOURS[i]));
            text(svg, x + 18, 45, "start", 13, "normal", bridges.get(i));
            x += 90;
        }
    }

    private static void panel(StringBuilder svg, int index, String title, List<Bar> bars, DoubleFunction<String> format) {
        int left = index * PANEL + 20;
        int width = PANEL - 40;
        text(svg, left + width / 2, TOP - 6, "middle", 13, "bold", title);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>\n",
                left, BOTTOM, left + width, BOTTOM));
        double max = bars.stream().mapToDouble(Bar::value).filter(v -> !Double.isNaN(v)).max().orElse(0);
        if (bars.isEmpty()) {
            return;
        }
        int slot = width / bars.size();
        int barWidth = Math.min(60, slot - 16);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int x = left + i * slot + (slot - barWidth) / 2;
            double height = Double.isNaN(bar.value()) || max <= 0 ? 0 : (BOTTOM - TOP - 40) * bar.value() / max;
            int y = (int) Math.round(BOTTOM - height);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n",
                    x, y, barWidth, BOTTOM - y, COLOURS[bar.colour() % COLOURS.length]));
            text(svg, x + barWidth / 2, y - 5, "middle", 12, "normal", Double.isNaN(bar.value()) ? "not measured" : format.apply(bar.value()));
            text(svg, x + barWidth / 2, BOTTOM + 16, "middle", 12, "normal", bar.label());
        }
    }

    private static void text(StringBuilder svg, int x, int y, String anchor, int size, String weight, String text) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-size=\"%d\" font-weight=\"%s\" fill=\"#222\">%s</text>\n",
                x, y, anchor, size, weight, escape(text)));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
