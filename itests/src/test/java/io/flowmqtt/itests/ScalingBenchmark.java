package io.flowmqtt.itests;

import static io.flowmqtt.itests.BenchReport.f0;
import static io.flowmqtt.itests.BenchReport.f1;
import static io.flowmqtt.itests.BenchReport.f2;

import com.google.gson.JsonObject;
import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.OutputState;
import io.flowmqtt.api.status.OutputStatus;
import io.flowmqtt.api.widgets.WidgetRef;
import io.flowmqtt.api.widgets.WidgetReporter;
import io.flowmqtt.api.widgets.WidgetSnapshot;
import io.flowmqtt.api.widgets.WidgetType;
import io.flowmqtt.testing.mosquitto.Mosquitto;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * How the container's cost grows with work: process CPU, heap used after a full GC, and live threads, with 1, 10
 * and 50 interfaces (one output each), 1, 50 and 500 widgets (one interface, one output), and 1, 20 and 200 outputs
 * (one interface), always at the same load of {@value #RATE} widget reports per second, so that what grows is the
 * cost of the units, not of more messages. Each output selects its own cube, so every report makes exactly one
 * message. Prints the cost per unit (the slope from the smallest to the largest count) and whether the second
 * step costs more per unit than the first (growth faster than linear). Also checks that tearing a configuration
 * down gives back its threads. Results in {@code itests/target/benchmark/scaling.md}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ScalingBenchmark extends FlowTestSupport {
    private static final int RATE = 100;
    private static final int WARM_SECONDS = BenchReport.QUICK ? 1 : 3;
    private static final int MEASURE_SECONDS = BenchReport.QUICK ? 3 : 8;

    /** The cost of one configuration: CPU in percent of one core, heap MB after GC, live threads. */
    private record Cost(double cpuPercent, double heapMb, int threads, String threadNames) {
    }

    private Mosquitto broker;
    private BenchSubscriber subscriber;
    private WidgetReporter reporter;

    @Test
    public void costAgainstUnits() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> slopes = new ArrayList<>();
        List<List<String>> leaks = new ArrayList<>();
        List<List<String>> threadsAtMost = new ArrayList<>();
        try (Mosquitto b = Mosquitto.in(workDir().resolve("broker")).tcp().start()) {
            broker = b;
            reporter = service(WidgetReporter.class, null);
            subscriber = new BenchSubscriber(broker.tcpUrl(), "+/+/widgets/#", false);
            try {
                run("widgets", 1); // a warm-up, not reported: the first configuration pays for class loading and JIT
                int baselineThreads = stableThreadCount();
                for (String dimension : List.of("interfaces", "widgets", "outputs")) {
                    int[] units = switch (dimension) {
                        case "interfaces" -> new int[] {1, 10, 50};
                        case "widgets" -> new int[] {1, 50, 500};
                        default -> new int[] {1, 20, 200};
                    };
                    Cost[] costs = new Cost[units.length];
                    for (int i = 0; i < units.length; i++) {
                        costs[i] = run(dimension, units[i]);
                        rows.add(List.of(dimension, String.valueOf(units[i]), f1(costs[i].cpuPercent()), f1(costs[i].heapMb()),
                                String.valueOf(costs[i].threads())));
                    }
                    slopes.addAll(slopes(dimension, units, costs));
                    threadsAtMost.add(List.of(dimension + " x" + units[2], costs[2].threadNames()));
                    int after = threadsSettled(baselineThreads);
                    leaks.add(List.of(dimension, String.valueOf(baselineThreads), String.valueOf(after)));
                }
            } finally {
                subscriber.close();
            }
        }
        new BenchReport("Cost against units of work (" + RATE + " widget reports/s in every configuration)")
                .note("CPU = process CPU time / wall time over " + MEASURE_SECONDS + " s, in % of one core (includes the "
                        + "benchmark's own load generator and subscriber, the same in every row); heap = used after a full GC; "
                        + "threads = live JVM threads.")
                .table(List.of("units of", "count", "CPU %", "heap MB", "threads"), rows)
                .note("Per unit = slope from the smallest to the largest count. Step ratio = cost per unit of the second step "
                        + "/ of the first; above ~1.5 (beyond noise) would mean growth faster than linear.")
                .table(List.of("units of", "measure", "per unit", "step 1 per unit", "step 2 per unit", "step ratio", "growth"), slopes)
                .note("Live threads by name (digits as #) at the largest count of each kind:")
                .table(List.of("configuration", "threads"), threadsAtMost)
                .note("Threads before any configuration and after each dimension's last teardown (a difference is a leak):")
                .table(List.of("after", "threads at start", "threads after teardown"), leaks)
                .finish("scaling");
    }

    /** Sets up {@code count} units of {@code dimension}, loads it, measures, and tears it down again. */
    private Cost run(String dimension, int count) throws Exception {
        int interfaces = dimension.equals("interfaces") ? count : 1;
        int outputs = dimension.equals("widgets") ? 1 : count;
        int widgets = dimension.equals("widgets") ? count : 1;
        for (int i = 0; i < interfaces; i++) {
            configure("flow.mqtt.interface", "s" + i, Map.of("address", "mqtt://127.0.0.1:" + broker.tcpPort(), "qos", 1,
                    "topicPrefix", "scale" + i));
        }
        for (int o = 0; o < outputs; o++) {
            // one cube per output; the widgets dimension has one output for every widget of cube 1
            configure("flow.mqtt.output", "so" + o, Map.of("interface", "s" + (o % interfaces), "source", "widgets",
                    "widgets", (o + 1) + "/0/*"));
        }
        for (int i = 0; i < interfaces; i++) {
            MqttInterface iface = iface("s" + i);
            await("interface s" + i + " connected", () -> iface.status().state() == ConnectionState.CONNECTED);
        }
        await(outputs + " outputs active", () -> outputStates().stream().filter(st -> st == OutputState.ACTIVE).count() == outputs);
        Load load = new Load(outputs, widgets);
        load.run(WARM_SECONDS);
        subscriber.await(Integer.MAX_VALUE, 500, 10_000); // the warm-up's messages (and replayed open events) are in
        subscriber.reset();
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        int sent = load.run(MEASURE_SECONDS);
        double cpuPercent = 100.0 * (processCpuNanos() - cpu0) / (System.nanoTime() - wall0);
        int received = subscriber.await(sent, 5_000, 30_000);
        if (received < sent) {
            throw new AssertionError(dimension + " x" + count + ": " + (sent - received) + " of " + sent + " messages lost");
        }
        double heapMb = heapAfterGcMb();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        String threadNames = threadNames();
        for (int o = 0; o < outputs; o++) {
            deleteConfiguration("flow.mqtt.output", "so" + o);
        }
        for (int i = 0; i < interfaces; i++) {
            deleteConfiguration("flow.mqtt.interface", "s" + i);
        }
        await("interfaces gone", () -> interfacesRegistered() == 0);
        await("outputs gone", () -> outputStates().isEmpty());
        subscriber.reset();
        return new Cost(cpuPercent, heapMb, threads, threadNames);
    }

    /** Widget reports at {@link #RATE} per second, round-robin over the outputs' cubes and the widgets of each. */
    private final class Load {
        private final int cubes;
        private final int widgets;
        private int next;

        Load(int cubes, int widgets) {
            this.cubes = cubes;
            this.widgets = widgets;
        }

        int run(int seconds) {
            long start = System.nanoTime();
            int total = seconds * RATE;
            for (int i = 0; i < total; i++) {
                BarePublisher.pace(start + i * (1_000_000_000L / RATE));
                int k = next++;
                int cube = 1 + k % cubes;
                int widget = 1 + (k / cubes) % widgets;
                JsonObject data = new JsonObject();
                data.addProperty("data_validity", "ok");
                data.addProperty("object_count", k);
                data.addProperty("sent_ns", System.nanoTime());
                reporter.report(new WidgetSnapshot(new WidgetRef(cube, 0, widget, "w" + widget, WidgetType.VALUE), null,
                        System.currentTimeMillis(), data));
            }
            return total;
        }
    }

    private int interfacesRegistered() {
        try {
            var refs = context.getServiceReferences(MqttInterface.class, null);
            return refs == null ? 0 : refs.size(); // Felix's collection variant returns an empty list, but do not rely on it
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** The states of every output there is, active or not. */
    private List<OutputState> outputStates() {
        try {
            return service(io.flowmqtt.api.OutputRegistry.class, null).outputs().stream().map(OutputStatus::state).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<List<String>> slopes(String dimension, int[] u, Cost[] c) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(slope(dimension, "CPU % of a core", u, c[0].cpuPercent(), c[1].cpuPercent(), c[2].cpuPercent(), 5.0));
        rows.add(slope(dimension, "heap MB", u, c[0].heapMb(), c[1].heapMb(), c[2].heapMb(), 2.0));
        rows.add(slope(dimension, "threads", u, c[0].threads(), c[1].threads(), c[2].threads(), 1.0));
        return rows;
    }

    /**
     * One measure's growth: {@code noise} is the change this machine produces on its own. Faster than linear: the
     * largest count costs more than a straight line through the first step predicts, by more than the noise.
     */
    private static List<String> slope(String dimension, String measure, int[] u, double c1, double c2, double c3, double noise) {
        double perUnit = (c3 - c1) / (u[2] - u[0]);
        double step1 = (c2 - c1) / (u[1] - u[0]);
        double step2 = (c3 - c2) / (u[2] - u[1]);
        double excess = c3 - (c2 + Math.max(step1, 0) * (u[2] - u[1]));
        String growth;
        if (Math.abs(c3 - c1) <= noise) {
            growth = "flat (within noise)";
        } else if (excess <= noise || step2 <= 1.5 * Math.max(step1, 0)) {
            growth = "linear or less";
        } else if (Math.abs(c2 - c1) <= noise && step2 * (u[1] - u[0]) <= noise) {
            growth = "linear? (step 1 is below the noise, as step 2's rate predicts)"; // cannot be told apart here
        } else {
            growth = "FASTER THAN LINEAR";
        }
        return List.of(dimension, measure, f2(perUnit) + " /unit", f2(step1), f2(step2), step1 > 0 ? f2(step2 / step1) : "-", growth);
    }

    /** Live threads grouped by name, digits replaced by #, most first: which component owns the threads. */
    private static String threadNames() {
        Map<String, Long> byName = new java.util.TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            byName.merge(t.getName().replaceAll("[0-9]+", "#"), 1L, Long::sum);
        }
        return byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .map(e -> e.getKey() + " x" + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
    }

    /** Process CPU time (all threads, GC and JIT included), read as the platform MBean's attribute. */
    private static long processCpuNanos() throws Exception {
        return (Long) ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("java.lang:type=OperatingSystem"), "ProcessCpuTime");
    }

    private static double heapAfterGcMb() {
        ManagementFactory.getMemoryMXBean().gc();
        ManagementFactory.getMemoryMXBean().gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    /** The live thread count once it has not changed for a second (the warm-up's threads have ended), at most 10 s. */
    private static int stableThreadCount() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        int last = threadsAfterGc();
        int same = 0;
        while (same < 4 && System.currentTimeMillis() < deadline) {
            Thread.sleep(250); // polling a condition: the count staying put
            int now = threadsAfterGc();
            same = now == last ? same + 1 : 0;
            last = now;
        }
        return last;
    }

    /** The live thread count once it is back to {@code baseline}, or after 10 s if it does not get there (a leak). */
    private static int threadsSettled(int baseline) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        int now;
        while ((now = threadsAfterGc()) > baseline && System.currentTimeMillis() < deadline) {
            Thread.sleep(200); // polling a condition: stopped components' threads end on their own schedule
        }
        return now;
    }

    private static int threadsAfterGc() {
        heapAfterGcMb();
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }
}
