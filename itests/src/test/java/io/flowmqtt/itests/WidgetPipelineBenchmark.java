package io.flowmqtt.itests;

import static io.flowmqtt.itests.BenchReport.f0;
import static io.flowmqtt.itests.BenchReport.f1;
import static io.flowmqtt.itests.BenchReport.f2;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import com.google.gson.JsonObject;
import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.widgets.WidgetRef;
import io.flowmqtt.api.widgets.WidgetReporter;
import io.flowmqtt.api.widgets.WidgetSnapshot;
import io.flowmqtt.api.widgets.WidgetType;
import io.flowmqtt.testing.mosquitto.Mosquitto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The whole in-process path, measured where a user sees it: widget reports through the {@link WidgetReporter}
 * (widgets source, an output, the interface's journal and send window, Paho) to a subscriber, against a bare
 * Paho client publishing byte-for-byte the same payloads to the same topics, broker and subscriber at the same
 * QoS. Two measurements per QoS, in alternating rounds: throughput (messages per second received, all sent at
 * once) and end-to-end latency at a fixed 1,000 msg/s. Run with {@code mvn -B -pl itests verify -Pbenchmark};
 * results in {@code itests/target/benchmark/widget-pipeline.md}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WidgetPipelineBenchmark extends FlowTestSupport {
    private static final int WINDOW = 64;
    private static final int WIDGETS = 10;
    private static final int ROUNDS = BenchReport.QUICK ? 3 : 5;
    private static final int[] COUNTS = BenchReport.QUICK ? new int[] {5_000, 3_000, 2_000} : new int[] {20_000, 10_000, 5_000};
    private static final int LATENCY_RATE = 1_000;
    private static final int LATENCY_MESSAGES = BenchReport.QUICK ? 1_000 : 2_000;

    /** One measured run: received messages per second, and latency percentiles (ms) for paced runs. */
    private record Run(double rate, int received, double p50, double p99, double max, double bytes) {
    }

    private WidgetReporter reporter;
    private BenchSubscriber subscriber;
    private String root;

    @Test
    public void pipelineVersusBarePaho() throws Exception {
        List<List<String>> throughput = new ArrayList<>();
        List<List<String>> latency = new ArrayList<>();
        try (Mosquitto broker = Mosquitto.in(workDir().resolve("broker")).tcp().start()) {
            configure("flow.mqtt.interface", "pipe", Map.of("address", "mqtt://127.0.0.1:" + broker.tcpPort(),
                    "maxInflight", WINDOW, "queueMaxMessages", 1_000_000, "queueMaxBytes", 1L << 30, "topicPrefix", "bench"));
            for (int qos = 0; qos <= 2; qos++) {
                // one output per QoS, each for its own cube, so no output is reconfigured between runs
                configure("flow.mqtt.output", "pipe-q" + qos, Map.of("interface", "pipe", "source", "widgets",
                        "widgets", (qos + 1) + "/*/*", "qos", qos));
            }
            MqttInterface iface = iface("pipe");
            await("interface pipe connected", () -> iface.status().state() == ConnectionState.CONNECTED);
            for (int qos = 0; qos <= 2; qos++) {
                String output = "pipe-q" + qos;
                await("output " + output + " active", () -> outputActive(output));
            }
            reporter = service(WidgetReporter.class, null);
            root = iface.topicRoot();
            subscriber = new BenchSubscriber(broker.tcpUrl(), root + "/widgets/#", false);
            try (BarePublisher bare = new BarePublisher(broker.tcpUrl(), WINDOW)) {
                for (int qos = 0; qos <= 2; qos++) {
                    measure(qos, bare, throughput, latency);
                }
            } finally {
                subscriber.close();
            }
        }
        new BenchReport("Widgets source -> subscriber vs bare Paho (same payloads, topics, broker, subscriber)")
                .note("Throughput: all messages sent at once, rate = messages received / (last arrival - first send); "
                        + ROUNDS + " alternating rounds, best and median. Ratio = runtime / bare (>= 1.0 is the target).")
                .table(List.of("QoS", "messages", "payload B", "bare best", "bare median", "runtime best", "runtime median",
                        "ratio best", "ratio median", "lost bare/runtime"), throughput)
                .note("Latency: " + LATENCY_MESSAGES + " messages paced at " + LATENCY_RATE + " msg/s, from the report "
                        + "(or bare publish) call to arrival at the subscriber, ms; median over rounds of p50 and p99, worst max.")
                .table(List.of("QoS", "bare p50", "bare p99", "bare max", "runtime p50", "runtime p99", "runtime max"), latency)
                .finish("widget-pipeline");
    }

    private void measure(int qos, BarePublisher bare, List<List<String>> throughput, List<List<String>> latency) throws Exception {
        int cube = qos + 1;
        int count = COUNTS[qos];
        // warm-up of both paths; the runtime's last payload is the template of the bare client's payloads
        viaPipeline(cube, count / 5, 0);
        String template = subscriber.latest();
        assertNotNull("no payload arrived from the pipeline at QoS " + qos, template);
        subscriber.reset();
        IntFunction<byte[]> payload = i -> withSendTime(template);
        IntFunction<String> topic = i -> root + "/widgets/" + cube + "/0/" + (1 + i % WIDGETS);
        viaBare(bare, qos, topic, payload, count / 5, 0);
        List<Run> bareRuns = new ArrayList<>();
        List<Run> pipeRuns = new ArrayList<>();
        List<Run> barePaced = new ArrayList<>();
        List<Run> pipePaced = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            bareRuns.add(viaBare(bare, qos, topic, payload, count, 0));
            pipeRuns.add(viaPipeline(cube, count, 0));
            barePaced.add(viaBare(bare, qos, topic, payload, LATENCY_MESSAGES, LATENCY_RATE));
            pipePaced.add(viaPipeline(cube, LATENCY_MESSAGES, LATENCY_RATE));
        }
        if (qos > 0) {
            for (Run run : concat(bareRuns, pipeRuns)) {
                assertEquals("messages received at QoS " + qos, count, run.received());
            }
        }
        double bareBest = best(bareRuns);
        double pipeBest = best(pipeRuns);
        double bareMedian = BenchReport.median(bareRuns.stream().map(Run::rate).toList());
        double pipeMedian = BenchReport.median(pipeRuns.stream().map(Run::rate).toList());
        throughput.add(List.of(String.valueOf(qos), f0(count), f0(bareRuns.get(0).bytes()) + "/" + f0(pipeRuns.get(0).bytes()),
                f0(bareBest), f0(bareMedian), f0(pipeBest), f0(pipeMedian), f2(pipeBest / bareBest), f2(pipeMedian / bareMedian),
                lost(bareRuns, count) + "/" + lost(pipeRuns, count)));
        latency.add(List.of(String.valueOf(qos), f1(medianOf(barePaced, Run::p50)), f1(medianOf(barePaced, Run::p99)),
                f1(BenchReport.max(barePaced.stream().map(Run::max).toList())), f1(medianOf(pipePaced, Run::p50)),
                f1(medianOf(pipePaced, Run::p99)), f1(BenchReport.max(pipePaced.stream().map(Run::max).toList()))));
    }

    private boolean outputActive(String name) {
        try {
            io.flowmqtt.api.status.OutputStatus status = outputStatus(name);
            return status != null && status.state() == io.flowmqtt.api.status.OutputState.ACTIVE;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Reports {@code count} widget values (unpaced when {@code perSecond} is 0) and waits for their arrival. */
    private Run viaPipeline(int cube, int count, int perSecond) throws Exception {
        subscriber.reset();
        long interval = perSecond > 0 ? 1_000_000_000L / perSecond : 0;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (interval > 0) {
                BarePublisher.pace(start + i * interval);
            }
            WidgetRef widget = new WidgetRef(cube, 0, 1 + i % WIDGETS, "View " + (1 + i % WIDGETS) + " vehicle count", WidgetType.VALUE);
            reporter.report(new WidgetSnapshot(widget, null, System.currentTimeMillis(), data(i)));
        }
        return collect(start, count);
    }

    private Run viaBare(BarePublisher bare, int qos, IntFunction<String> topic, IntFunction<byte[]> payload, int count, int perSecond)
            throws Exception {
        subscriber.reset();
        long start = System.nanoTime();
        bare.publish(count, qos, topic, payload, perSecond);
        return collect(start, count);
    }

    private Run collect(long start, int count) throws InterruptedException {
        subscriber.await(count, 3_000, 120_000);
        BenchSubscriber.Arrivals a = subscriber.reset();
        double[] lat = a.latenciesMillis(0, a.count());
        double bytes = a.count() == 0 ? 0 : java.util.Arrays.stream(a.payloadBytes()).average().orElse(0);
        return new Run(a.count() / ((a.lastArrival() - start) / 1e9), a.count(), BenchReport.percentile(lat, 50),
                BenchReport.percentile(lat, 99), BenchReport.percentile(lat, 100), bytes);
    }

    /** A value widget's data as FLOW's analytics write it, with the moment of reporting for the latency. */
    private static JsonObject data(int i) {
        JsonObject data = new JsonObject();
        data.addProperty("data_validity", "ok");
        data.addProperty("object_count", i % 50);
        JsonObject categories = new JsonObject();
        for (String category : new String[] {"car", "van", "light", "heavy", "bus", "motorcycle", "bicycle", "pedestrian"}) {
            categories.addProperty(category, i % 7);
        }
        data.add("categories", categories);
        data.addProperty("sent_ns", System.nanoTime());
        return data;
    }

    /** The runtime's payload with this moment as its sending time: same bytes, same length (nanoTime keeps its digits). */
    private static byte[] withSendTime(String template) {
        int at = template.indexOf("\"sent_ns\":") + "\"sent_ns\":".length();
        int end = at;
        while (Character.isDigit(template.charAt(end))) {
            end++;
        }
        return (template.substring(0, at) + System.nanoTime() + template.substring(end)).getBytes(StandardCharsets.UTF_8);
    }

    private static double best(List<Run> runs) {
        return runs.stream().mapToDouble(Run::rate).max().orElse(0);
    }

    private static double medianOf(List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
        return BenchReport.median(runs.stream().map(r -> value.applyAsDouble(r)).toList());
    }

    private static long lost(List<Run> runs, int count) {
        return runs.stream().mapToLong(r -> count - r.received()).sum();
    }

    private static List<Run> concat(List<Run> a, List<Run> b) {
        List<Run> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
