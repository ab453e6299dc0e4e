package io.flowmqtt.itests;

import static org.junit.Assert.assertEquals;

import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.OutboundMessage;
import io.flowmqtt.api.PublishResult;
import io.flowmqtt.testing.mosquitto.Mosquitto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Throughput of one MQTT interface (the deployed service: journal, send window, Paho) against a bare
 * Paho client publishing the same payloads to the same Mosquitto in the same run, at QoS 0, 1 and 2.
 * Not a test: it asserts only that every message was delivered. Run it with
 * {@code mvn -B -pl itests verify -Pbenchmark}; results go to the console and
 * {@code itests/target/benchmark/throughput.md}. Runs alternate (bare, interface, bare, ...) and the best of
 * each is kept, because this machine is noisy.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ThroughputBenchmark extends FlowTestSupport {
    private static final int WINDOW = 64;
    private static final int ROUNDS = BenchReport.QUICK ? 2 : 5;

    @Test
    public void interfaceVersusBarePaho() throws Exception {
        byte[] payload = samplePayload();
        List<List<String>> rows = new ArrayList<>();
        try (Mosquitto broker = Mosquitto.in(workDir().resolve("bench-broker")).tcp().start()) {
            configure("flow.mqtt.interface", "bench", Map.of("address", "mqtt://127.0.0.1:" + broker.tcpPort(),
                    "maxInflight", WINDOW, "queueMaxMessages", 1_000_000, "queueMaxBytes", 1L << 30, "topicPrefix", "bench"));
            MqttInterface iface = iface("bench");
            await("bench connected", () -> iface.status().state() == io.flowmqtt.api.status.ConnectionState.CONNECTED);
            for (int qos = 0; qos <= 2; qos++) {
                int count = (qos == 0 ? 50_000 : qos == 1 ? 20_000 : 10_000) / (BenchReport.QUICK ? 5 : 1);
                double bestBare = 0;
                double bestIface = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    bestBare = Math.max(bestBare, bare(broker, payload, qos, count));
                    bestIface = Math.max(bestIface, viaInterface(iface, payload, qos, count));
                }
                rows.add(List.of(String.valueOf(qos), BenchReport.f0(count), BenchReport.f0(bestBare), BenchReport.f0(bestIface),
                        BenchReport.f2(bestIface / bestBare)));
            }
            deleteConfiguration("flow.mqtt.interface", "bench");
        }
        new BenchReport("One interface vs bare Paho, publisher side (best of " + ROUNDS + " alternating rounds)")
                .table(List.of("QoS", "messages", "bare Paho msg/s", "interface msg/s", "ratio"), rows)
                .finish("throughput");
    }

    /** Messages per second, from the first publish to the last delivery confirmation. */
    private double viaInterface(MqttInterface iface, byte[] payload, int qos, int count) throws Exception {
        long deliveredBefore = iface.status().counters().delivered();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            PublishResult result = iface.publish(new OutboundMessage("widgets/1/0/1", qos, false, seq -> payload));
            assertEquals(PublishResult.QUEUED, result);
        }
        long target = deliveredBefore + count;
        long deadline = System.currentTimeMillis() + 120_000;
        while (iface.status().counters().delivered() < target) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("interface delivered only " + (iface.status().counters().delivered() - deliveredBefore));
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000); // poll lightly: status() takes the queue's lock
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** The baseline: one bare Paho client with the same in-flight window, publishing as fast as it allows. */
    private double bare(Mosquitto broker, byte[] payload, int qos, int count) throws Exception {
        try (BarePublisher bare = new BarePublisher(broker.tcpUrl(), WINDOW)) {
            return bare.publish(count, qos, i -> "bench/bare/widgets/1/0/1", i -> payload);
        }
    }

    /** A widget payload as the outputs build it (about 500 bytes). */
    private static byte[] samplePayload() {
        List<String> fields = new ArrayList<>();
        fields.add("\"block_name\":\"bench-block\",\"cube_id\":1,\"analytic_id\":0,\"widget_id\":1");
        fields.add("\"widget_name\":\"View 1 vehicle count\",\"widget_type\":\"value\"");
        fields.add("\"time_block\":{\"start\":1795618860000,\"end\":1795618870000}");
        fields.add("\"data\":{\"data_validity\":\"ok\",\"object_count\":4,\"categories\":{\"car\":2,\"van\":0,\"light\":1,"
                + "\"heavy\":1,\"bus\":0,\"motorcycle\":0,\"bicycle\":0,\"pedestrian\":0}}");
        fields.add("\"device_id\":\"bench-block\",\"event_id\":\"1-0-1-1795618860000\",\"event_state\":\"updated\",\"revision\":3");
        fields.add("\"timestamp\":1795618870944,\"message_id\":\"0b7f3c9e-8f3a-4c59-a2d4-53d1f0b6c2aa\",\"seq\":15");
        return ("{" + String.join(",", fields) + "}").getBytes(StandardCharsets.UTF_8);
    }
}
