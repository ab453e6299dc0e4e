package io.flowmqtt.benchmark;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The results page: docs/benchmark/results.md with --publish, tools/benchmark/target/results.md otherwise. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(Report report, String chartFile) {
        Options o = report.options();
        Machine m = report.machine();
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark: FLOW webhook → MQTT, the runtime against a Node-RED bridge\n\n");
        md.append("Written by `").append(report.command()).append("` on ").append(report.date()).append(".\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| machine | ").append(m.cores()).append(" cores, ").append(m.cpuModel()).append(", ")
                .append(Report.number(m.memoryBytes() / (1024.0 * 1024 * 1024), 1)).append(" GiB RAM, ").append(m.kernel()).append(" |\n");
        md.append("| load average (1, 5, 15 min) | before ").append(report.loadBefore()).append(", after ").append(report.loadAfter()).append(" |\n");
        md.append("| software | ").append(m.java()).append("; Node.js ").append(m.node()).append(", Node-RED ")
                .append(report.nodeRedVersion()).append("; Mosquitto ").append(m.mosquitto()).append(" |\n");
        md.append("| load | ").append(o.connections()).append(" keep-alive HTTP connections from one generator; ")
                .append(o.seconds()).append(" s per phase after ").append(o.warmupSeconds()).append(" s warm-up; latency at ")
                .append(Report.number(o.rate(), 0)).append(" msg/s, open loop; QoS 1 end to end; ")
                .append(report.runs().size()).append(report.runs().size() == 1 ? " run" : " runs, bridges alternating").append(" |\n\n");

        Map<String, Measured> medians = report.medians();
        List<String> bridges = report.bridges();
        md.append(report.runs().size() == 1 ? "## Result\n\n" : "## Median of " + report.runs().size() + " runs\n\n");
        md.append("|").append(" |");
        bridges.forEach(b -> md.append(' ').append(b).append(" |"));
        boolean both = bridges.size() == 2;
        md.append(both ? " runtime / node-red |\n|---|" : "\n|---|").append("---|".repeat(bridges.size() + (both ? 1 : 0))).append('\n');
        row(md, "throughput, msg/s at the subscriber", medians, bridges, x -> Report.number(x.throughput(), 0),
                both ? Report.ratio(medians.get("runtime").throughput(), medians.get("node-red").throughput()) : null);
        row(md, "latency at " + Report.number(o.rate(), 0) + " msg/s, p50 / p90 / p99 / max, ms", medians, bridges,
                x -> latency(x.latency()), both ? "p99 " + Report.ratio(medians.get("runtime").latency().p99(),
                        medians.get("node-red").latency().p99()) : null);
        row(md, "messages timed / due at that rate", medians, bridges, MarkdownReport::delivered, both ? "" : null);
        row(md, "RSS after the load, MB", medians, bridges, x -> Report.number(x.rssMegabytes(), 0),
                both ? Report.ratio(medians.get("runtime").rssMegabytes(), medians.get("node-red").rssMegabytes()) : null);
        row(md, "CPU seconds per 1,000 messages", medians, bridges, x -> Report.number(x.cpuSecondsPer1000(), 3),
                both ? Report.ratio(medians.get("runtime").cpuSecondsPer1000(), medians.get("node-red").cpuSecondsPer1000()) : null);
        row(md, "launch → first widget message, s", medians, bridges, x -> Report.seconds(x.launchSeconds()), both ? "" : null);
        row(md, "configuration change → first message under the new topic prefix, s", medians, bridges,
                x -> Report.seconds(x.reconfigureSeconds()), both ? "" : null);
        md.append('\n');
        if (chartFile != null) {
            md.append("![throughput, latency and RSS of both bridges](").append(chartFile).append(")\n\n");
        }

        md.append("## Each run\n\n| run | bridge | msg/s | p50 ms | p90 ms | p99 ms | max ms | RSS MB | CPU s / 1,000 msg | launch s | reconfigure s |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < report.runs().size(); i++) {
            for (Map.Entry<String, Measured> e : report.runs().get(i).entrySet()) {
                Measured x = e.getValue();
                md.append("| ").append(i + 1).append(" | ").append(e.getKey()).append(" | ").append(Report.number(x.throughput(), 0))
                        .append(" | ").append(Report.millis(x.latency().p50())).append(" | ").append(Report.millis(x.latency().p90()))
                        .append(" | ").append(Report.millis(x.latency().p99())).append(" | ").append(Report.millis(x.latency().max()))
                        .append(" | ").append(Report.number(x.rssMegabytes(), 0)).append(" | ").append(Report.number(x.cpuSecondsPer1000(), 3))
                        .append(" | ").append(Report.seconds(x.launchSeconds())).append(" | ").append(Report.seconds(x.reconfigureSeconds()))
                        .append(" |\n");
            }
        }
        rssSeries(md, report);
        md.append("""

                Throughput: webhook POSTs as fast as each bridge answers them (closed loop), counted as MQTT messages at one
                subscriber. Latency: from each message's intended send time (open loop, so a stall delays every message behind
                it) to its arrival at the subscriber. RSS and CPU from /proc of the bridge's own process (the JVM of `bin/flow`,
                the `node` of Node-RED). Launch: from starting the process to the first widget message, a webhook POST every
                20 ms meanwhile. Configuration change: a rewritten `conf/flow.mqtt.interface-bench.cfg` with another
                `topicPrefix` (the runtime only; Node-RED has no equivalent file to watch).
                """);
        return md.toString();
    }

    /** RSS through the latency phase, where it ran long enough for two samples or more: first, last and range. */
    private static void rssSeries(StringBuilder md, Report report) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < report.runs().size(); i++) {
            for (Map.Entry<String, Measured> e : report.runs().get(i).entrySet()) {
                List<Double> s = e.getValue().rssDuringLatency();
                if (s.size() >= 2) {
                    double min = s.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                    double max = s.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                    rows.append("| ").append(i + 1).append(" | ").append(e.getKey()).append(" | ").append(s.size())
                            .append(" | ").append(Report.number(s.get(0), 1)).append(" | ").append(Report.number(s.get(s.size() - 1), 1))
                            .append(" | ").append(Report.number(min, 1)).append("–").append(Report.number(max, 1)).append(" |\n");
                }
            }
        }
        if (rows.length() > 0) {
            md.append("\n## RSS through the latency phase, every ").append(Phases.RSS_SAMPLE_SECONDS).append(" s\n\n")
                    .append("| run | bridge | samples | first MB | last MB | range MB |\n|---|---|---|---|---|---|\n").append(rows);
        }
    }

    private static String latency(Latencies.Summary s) {
        return Double.isNaN(s.p50()) ? "–" : Report.millis(s.p50()) + " / " + Report.millis(s.p90()) + " / "
                + Report.millis(s.p99()) + " / " + Report.millis(s.max());
    }

    private static String delivered(Measured x) {
        return x.latencySent() < 0 ? "–" : Report.number(x.latencyDelivered(), 0) + " / " + Report.number(x.latencySent(), 0);
    }

    private static void row(StringBuilder md, String label, Map<String, Measured> medians, List<String> bridges,
                            Function<Measured, String> cell, String last) {
        md.append("| ").append(label).append(" |");
        bridges.forEach(b -> md.append(' ').append(cell.apply(medians.get(b))).append(" |"));
        if (last != null) {
            md.append(' ').append(last).append(" |");
        }
        md.append('\n');
    }
}
