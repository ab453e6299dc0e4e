package io.flowmqtt.benchmark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class ReportTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    static Measured measured(double throughput, double p50, double p99, double rss, double... launches) {
        Measured m = new Measured();
        m.throughput = throughput;
        m.cpuSecondsPer1000 = 0.25;
        m.latency = new Latencies.Summary(p50, p50 * 2, p99, p99 * 2, 20_000);
        m.latencySent = 20_000;
        m.latencyDelivered = 20_000;
        m.rssMegabytes = rss;
        for (double l : launches) {
            m.launchSeconds.add(l);
        }
        return m;
    }

    static Report report(List<Map<String, Measured>> runs) {
        Machine machine = new Machine(2, "AMD EPYC 7B13", 24L << 30, "Linux 6.1", "OpenJDK 17", "v20.20.2", "2.0.11");
        return new Report("./benchmark --runs 3 --publish", "2026-12-02 01:00 UTC", machine, "0.10 0.20 0.30",
                "1.90 1.20 0.60", Options.parse(List.of("--runs", "3")), "4.1.15", runs);
    }

    static Map<String, Measured> run(Measured runtime, Measured nodeRed) {
        Map<String, Measured> run = new LinkedHashMap<>();
        run.put("runtime", runtime);
        run.put("node-red", nodeRed);
        return run;
    }

    @Test
    public void mediansOfThreeRuns() {
        Report r = report(List.of(run(measured(2000, 1.5, 9, 250, 5.0), measured(700, 3000, 3500, 180, 3.0)),
                run(measured(2600, 2.3, 12, 260, 4.5), measured(760, 3600, 4000, 185, 3.2)),
                run(measured(1800, 1.4, 276, 270, 5.5), measured(730, 3200, 3900, 182, 3.1))));
        Measured runtime = r.medians().get("runtime");
        assertEquals(2000, runtime.throughput(), 1e-9);
        assertEquals(1.5, runtime.latency().p50(), 1e-9);
        assertEquals(12, runtime.latency().p99(), 1e-9); // one bad run does not make the median
        assertEquals(260, runtime.rssMegabytes(), 1e-9);
        assertEquals(List.of(5.0, 4.5, 5.5), runtime.launchSeconds());
        assertEquals(60_000, runtime.latencySent());
    }

    @Test
    public void medianIgnoresWhatWasNotMeasuredAndAveragesTheMiddleTwo() {
        assertEquals(2.5, Measured.median(new double[] {4, 1, Double.NaN, 2, 3}), 1e-9);
        assertTrue(Double.isNaN(Measured.median(new double[] {Double.NaN})));
    }

    @Test
    public void theMarkdownHasTheMachineTheCommandTheRatiosAndEachRun() {
        Report r = report(List.of(run(measured(2000, 1.5, 9, 256, 5.0), measured(800, 3000, 3500, 128, 3.0))));
        String md = MarkdownReport.render(r, "chart.svg");
        assertTrue(md, md.contains("Written by `./benchmark --runs 3 --publish` on 2026-12-02 01:00 UTC."));
        assertTrue(md, md.contains("| machine | 2 cores, AMD EPYC 7B13, 24.0 GiB RAM, Linux 6.1 |"));
        assertTrue(md, md.contains("before 0.10 0.20 0.30, after 1.90 1.20 0.60"));
        assertTrue(md, md.contains("| throughput, msg/s at the subscriber | 2,000 | 800 | 2.50× |"));
        assertTrue(md, md.contains("| 1.50 / 3.00 / 9.00 / 18.0 | 3,000 / 6,000 / 3,500 / 7,000 |"));
        assertTrue(md, md.contains("| RSS after the load, MB | 256 | 128 | 2.00× |"));
        assertTrue(md, md.contains("| launch → first widget message, s | 5.00 | 3.00 |"));
        assertTrue(md, md.contains("| configuration change → first message under the new topic prefix, s | – | – |"));
        assertTrue(md, md.contains("![throughput, latency and RSS of both bridges](chart.svg)"));
        assertTrue(md, md.contains("| 1 | node-red | 800 | 3,000 | 6,000 | 3,500 | 7,000 | 128 | 0.250 | 3.00 | – |"));
    }

    @Test
    public void theRssThroughALongLatencyPhaseShowsFirstLastAndRange() {
        Measured soaked = measured(2000, 1.5, 9, 115);
        soaked.rssDuringLatency.addAll(List.of(56.4, 113.5, 114.2, 115.2));
        Measured brief = measured(1000, 2, 20, 250);
        brief.rssDuringLatency.add(240.0); // one sample: nothing to compare, no row
        String md = MarkdownReport.render(report(List.of(run(soaked, brief))), null);
        assertTrue(md, md.contains("| 1 | runtime | 4 | 56.4 | 115.2 | 56.4–115.2 |\n"));
        assertFalse(md, md.contains("| 1 | node-red | 1 |"));
        assertFalse(MarkdownReport.render(report(List.of(run(measured(1, 1, 1, 1), measured(1, 1, 1, 1)))), null)
                .contains("RSS through the latency phase"));
    }

    @Test
    public void oneBridgeAloneHasNoRatioColumn() {
        Map<String, Measured> only = new LinkedHashMap<>();
        only.put("runtime", measured(2000, 1.5, 9, 256));
        String md = MarkdownReport.render(report(List.of(only)), null);
        assertTrue(md, md.contains("| throughput, msg/s at the subscriber | 2,000 |\n"));
        assertFalse(md, md.contains("node-red |"));
        assertFalse(md, md.contains("!["));
    }

    @Test
    public void secondsShowTheMedianAndTheRange() {
        assertEquals("–", Report.seconds(List.of()));
        assertEquals("4.70", Report.seconds(List.of(4.7)));
        assertEquals("5.00 (4.70–5.60)", Report.seconds(List.of(5.6, 4.7, 5.0)));
    }

    @Test
    public void theChartHasABarAndALabelPerFigure() {
        Report r = report(List.of(run(measured(2000, 1.5, 9, 256), measured(800, 3000, 3500, 128))));
        String svg = SvgChart.render(r);
        assertTrue(svg, svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assertTrue(svg.trim().endsWith("</svg>"));
        assertEquals("2 legend boxes + 2 throughput + 4 latency + 2 RSS bars + the background", 11, count(svg, "<rect "));
        for (String label : List.of(">2,000<", ">800<", ">1.50<", ">9.00<", ">3,000<", ">3,500<", ">256<", ">128<")) {
            assertTrue(label + " in " + svg, svg.contains(label));
        }
        assertFalse("no script or external reference", svg.contains("<script") || svg.contains("href"));
    }

    @Test
    public void theChartEscapesTextAndSaysWhatWasNotMeasured() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", SvgChart.escape("a <b> & \"c\""));
        Map<String, Measured> only = new LinkedHashMap<>();
        only.put("runtime", new Measured());
        String svg = SvgChart.render(report(List.of(only)));
        assertEquals("throughput, p50, p99 and RSS", 4, count(svg, ">not measured<"));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
