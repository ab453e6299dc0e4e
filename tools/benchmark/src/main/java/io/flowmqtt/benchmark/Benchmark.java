package io.flowmqtt.benchmark;

import io.flowmqtt.testing.mosquitto.Mosquitto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./benchmark}: starts its own Mosquitto, the assembled runtime ({@code bin/flow}) and a Node-RED bridge,
 * drives them in alternating rounds from one load generator, and writes the results page and chart. Run from the
 * repository's root. Whatever happens, the processes it started are ended (shutdown hook); a failure is one
 * sentence on stderr and exit code 1, a bad argument exit code 2.
 */
public final class Benchmark {
    private final Options options;
    private final Path repo;
    private final Path work;
    private final ProcessGuard guard = new ProcessGuard();
    /** Set by the shutdown hook: what fails after it (Ctrl-C) is the hook ending the processes, not a finding. */
    private volatile boolean stopping;

    private Benchmark(Options options, Path repo) {
        this.options = options;
        this.repo = repo;
        this.work = repo.resolve("tools/benchmark/target");
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(Options.USAGE);
            System.exit(0);
        }
        Options options;
        try {
            options = Options.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("benchmark: " + e.getMessage() + "\n" + Options.USAGE);
            System.exit(2);
            return;
        }
        Benchmark benchmark = new Benchmark(options, Path.of("").toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            benchmark.stopping = true;
            benchmark.guard.endAll();
        }, "benchmark-cleanup"));
        long started = System.nanoTime();
        try {
            benchmark.run();
            System.out.printf("benchmark: done in %.0f s%n", (System.nanoTime() - started) / 1e9);
            System.exit(0);
        } catch (Exception e) {
            if (benchmark.stopping) {
                System.err.println("benchmark: stopped; the processes it started are being ended");
            } else {
                System.err.println("benchmark failed: " + (e instanceof BenchmarkFailure ? e.getMessage() : e.toString()));
            }
        }
        System.exit(1);
    }

    private void run() throws Exception {
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        Machine machine = Machine.read();
        String loadBefore = Machine.loadAverage();
        Files.createDirectories(work);
        say("machine: " + machine.cores() + " cores, " + machine.cpuModel() + ", load average " + loadBefore);

        Mosquitto broker = guard.open(() -> {
            Mosquitto m = Mosquitto.in(work.resolve("mosquitto")).tcp()
                    // the test support logs every packet; a benchmark's broker logs only what goes wrong
                    .config("log_type none\nlog_type error\nlog_type warning\n");
            try {
                return m.start();
            } catch (Exception e) {
                m.close(); // a broker that started but did not open its port in time
                throw new BenchmarkFailure("Mosquitto did not start: " + e.getMessage());
            }
        });
        say("mosquitto: " + broker.tcpUrl());
        Subscriber subscriber = guard.open(() -> new Subscriber(broker.tcpUrl()));
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));

        List<Bridge> bridges = new ArrayList<>();
        RuntimeBridge runtime = null;
        if (options.has(Options.Target.RUNTIME)) {
            runtime = RuntimeBridge.create(repo.resolve("runtime-config/target/runtime"), work.resolve("runtime"),
                    broker.tcpPort(), token, guard);
            bridges.add(runtime);
        }
        if (options.has(Options.Target.NODE_RED)) {
            bridges.add(NodeRedBridge.create(repo.resolve("tools/benchmark/node-red/flows.json"), work.resolve("node-red"),
                    work.resolve("node-red-user"), broker.tcpPort(), token, guard));
        }
        Phases phases = new Phases(options, subscriber);
        for (Bridge bridge : bridges) {
            say(bridge.name() + ": launching (logs: " + bridge.logs() + ")");
            say(String.format("%s: first widget message after %.2f s", bridge.name(), phases.launch(bridge)));
        }

        List<Map<String, Measured>> runs = new ArrayList<>();
        for (int run = 1; run <= options.runs(); run++) {
            List<Bridge> order = new ArrayList<>(bridges);
            if (run % 2 == 0) {
                java.util.Collections.reverse(order); // alternate who goes first
            }
            Map<String, Measured> measured = new LinkedHashMap<>();
            bridges.forEach(b -> measured.put(b.name(), new Measured()));
            runs.add(measured);
            say("run " + run + " of " + options.runs());
            for (Bridge bridge : order) {
                if (options.has(Options.Phase.THROUGHPUT)) {
                    Measured m = measured.get(bridge.name());
                    phases.throughput(bridge, m);
                    say(String.format("%s: throughput %s msg/s, %s CPU s per 1,000 messages", bridge.name(),
                            Report.number(m.throughput(), 0), Report.number(m.cpuSecondsPer1000(), 3)));
                }
            }
            for (Bridge bridge : order) {
                if (options.has(Options.Phase.LATENCY)) {
                    Measured m = measured.get(bridge.name());
                    phases.latency(bridge, m);
                    say(String.format("%s: latency at %d msg/s p50 %s, p90 %s, p99 %s, max %s ms (%d of %d timed); RSS %s MB",
                            bridge.name(), options.rate(), Report.millis(m.latency().p50()), Report.millis(m.latency().p90()),
                            Report.millis(m.latency().p99()), Report.millis(m.latency().max()), m.latencyDelivered(),
                            m.latencySent(), Report.number(m.rssMegabytes(), 0)));
                    List<Double> rss = m.rssDuringLatency();
                    if (rss.size() >= 2) {
                        say(String.format("%s: RSS through the latency phase %s → %s MB (%d samples, every %d s)", bridge.name(),
                                Report.number(rss.get(0), 1), Report.number(rss.get(rss.size() - 1), 1), rss.size(),
                                Phases.RSS_SAMPLE_SECONDS));
                    }
                }
            }
            if (runtime != null && options.has(Options.Phase.RECONFIGURE)) {
                phases.reconfigures(runtime, measured.get(runtime.name()));
                say("runtime: configuration change → first message " + Report.seconds(measured.get("runtime").reconfigureSeconds()) + " s");
            }
            for (Bridge bridge : order) {
                if (options.has(Options.Phase.STARTUP)) {
                    phases.launches(bridge, measured.get(bridge.name()));
                    say(bridge.name() + ": launch → first widget message " + Report.seconds(measured.get(bridge.name()).launchSeconds()) + " s");
                }
            }
        }

        Report report = new Report(String.join(" ", options.commandLine()), date, machine, loadBefore, Machine.loadAverage(),
                options, NodeRedBridge.version(), runs);
        Path out = options.publish() ? repo.resolve("docs/benchmark") : work;
        Files.createDirectories(out);
        Files.writeString(out.resolve("chart.svg"), SvgChart.render(report), StandardCharsets.UTF_8);
        String markdown = MarkdownReport.render(report, "chart.svg");
        Files.writeString(out.resolve("results.md"), markdown, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(markdown);
        say("results: " + out.resolve("results.md") + " and " + out.resolve("chart.svg"));
    }

    private static void say(String line) {
        System.out.println("benchmark: " + line);
    }
}
