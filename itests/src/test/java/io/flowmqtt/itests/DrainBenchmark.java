package io.flowmqtt.itests;

import static io.flowmqtt.itests.BenchReport.f0;
import static io.flowmqtt.itests.BenchReport.f1;
import static io.flowmqtt.itests.BenchReport.f2;
import static org.junit.Assert.assertEquals;

import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.OutboundMessage;
import io.flowmqtt.api.PublishResult;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.testing.mosquitto.Mosquitto;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * An outage and its drain: one interface publishes at a steady live rate (QoS 1); the broker stops for
 * {@code flow.bench.outageSeconds} (default 60) while messages go on being produced into the interface's journal,
 * then comes back. Measured at a subscriber with a persistent session (so the broker keeps what arrives while
 * the subscriber reconnects): reconnect delay, time to drain the backlog, the delivery rate while draining
 * against the live rate, the latency of live messages produced during the drain, and that no message is lost
 * (every sequence number {@code n} arrives). Results in {@code itests/target/benchmark/drain.md}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DrainBenchmark extends FlowTestSupport {
    private static final int LIVE_RATE = 200;
    private static final int OUTAGE_SECONDS = Integer.getInteger("flow.bench.outageSeconds", 60);
    private static final int WARM_SECONDS = BenchReport.QUICK ? 5 : 10;
    private static final int TAIL_SECONDS = BenchReport.QUICK ? 3 : 5;
    private static final String PAD = "x".repeat(420); // a widget message's size, about 500 bytes

    @Test
    public void drainAfterOutage() throws Exception {
        try (Mosquitto broker = Mosquitto.in(workDir().resolve("broker")).tcp().persistent().start()) {
            configure("flow.mqtt.interface", "drain", Map.of("address", "mqtt://127.0.0.1:" + broker.tcpPort(), "qos", 1,
                    "queueMaxMessages", 1_000_000, "queueMaxBytes", 1L << 30, "topicPrefix", "drain"));
            MqttInterface iface = iface("drain");
            await("interface drain connected", () -> iface.status().state() == ConnectionState.CONNECTED);
            BenchSubscriber subscriber = new BenchSubscriber(broker.tcpUrl(), iface.topicRoot() + "/live/#", true);
            Producer producer = new Producer(iface);
            Thread thread = new Thread(producer, "drain-benchmark-producer");
            try {
                thread.start();
                hold(WARM_SECONDS);
                long stopAt = System.nanoTime();
                broker.stop();
                hold(OUTAGE_SECONDS);
                long restartAt = System.nanoTime();
                long restartWall = System.currentTimeMillis();
                broker.start();
                reconnect(subscriber);
                long subscriberBack = System.nanoTime();
                // the interface's back-off after a long outage (reconnectMaxMillis, 15 s by default) can outlast the default wait
                awaitLong("interface drain reconnected", () -> iface.status().state() == ConnectionState.CONNECTED, 90_000);
                // when the interface entered CONNECTED, by its own clock: polling would see it late
                long interfaceBack = restartAt + (iface.status().since() - restartWall) * 1_000_000L;
                // caught up: everything produced up to one second ago has arrived
                awaitLong("the backlog drained", () -> subscriber.count() >= producer.producedBefore(System.nanoTime() - 1_000_000_000L),
                        OUTAGE_SECONDS * 1000L + 120_000);
                hold(TAIL_SECONDS);
                producer.stop.set(true);
                thread.join();
                int produced = (int) producer.produced.get();
                awaitLong("every message", () -> distinct(subscriber.snapshot(), produced) >= produced, 60_000);
                analyse(subscriber.snapshot(), produced, producer.rejected.get(), stopAt, restartAt, subscriberBack, interfaceBack);
            } finally {
                producer.stop.set(true);
                thread.join();
                subscriber.close();
                deleteConfiguration("flow.mqtt.interface", "drain");
            }
        }
    }

    /** Publishes at {@link #LIVE_RATE} until stopped; each payload carries its sequence number and sending time. */
    private static final class Producer implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong produced = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        private final MqttInterface iface;
        private volatile long start;

        Producer(MqttInterface iface) {
            this.iface = iface;
        }

        @Override
        public void run() {
            start = System.nanoTime();
            long interval = 1_000_000_000L / LIVE_RATE;
            for (long n = 0; !stop.get(); n++) {
                BarePublisher.pace(start + n * interval);
                long number = n;
                byte[] payload = ("{\"n\":" + number + ",\"sent_ns\":" + System.nanoTime() + ",\"pad\":\"" + PAD + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                if (iface.publish(new OutboundMessage("live/" + (number % 10), 1, false, seq -> payload)) != PublishResult.QUEUED) {
                    rejected.incrementAndGet();
                }
                produced.incrementAndGet();
            }
        }

        /** How many messages were produced before {@code nanos}. */
        long producedBefore(long nanos) {
            return Math.max(0, Math.min(produced.get(), (nanos - start) * LIVE_RATE / 1_000_000_000L));
        }
    }

    /**
     * The backlog is what was produced while the interface was away (from the broker's stop to the interface's
     * reconnection, back-off included); the drain runs from the reconnection to the arrival of the backlog's
     * last message.
     */
    private void analyse(BenchSubscriber.Arrivals a, int produced, long rejected, long stopAt, long restartAt,
                         long subscriberBack, long interfaceBack) throws Exception {
        int distinct = distinct(a, produced);
        java.util.BitSet seen = new java.util.BitSet(produced);
        int outOfOrder = 0;
        long highest = -1;
        long backlog = 0;
        long drainEnd = interfaceBack;
        for (int i = 0; i < a.count(); i++) {
            int n = (int) a.seq()[i];
            if (!seen.get(n) && n < highest) {
                outOfOrder++; // a first arrival behind a later message; resent duplicates are counted apart
            }
            seen.set(n);
            highest = Math.max(highest, n);
            if (a.sent()[i] >= stopAt && a.sent()[i] < interfaceBack) {
                backlog++;
                drainEnd = Math.max(drainEnd, a.arrived()[i]);
            }
        }
        long drainNanos = Math.max(1, drainEnd - interfaceBack);
        int arrivedInDrain = 0;
        double[] live = new double[a.count()];
        int liveCount = 0;
        double[] before = new double[a.count()];
        int beforeCount = 0;
        for (int i = 0; i < a.count(); i++) {
            if (a.arrived()[i] >= interfaceBack && a.arrived()[i] <= drainEnd) {
                arrivedInDrain++;
            }
            if (a.sent()[i] >= interfaceBack && a.sent()[i] <= drainEnd) {
                live[liveCount++] = (a.arrived()[i] - a.sent()[i]) / 1e6;
            }
            if (a.sent()[i] < stopAt - 1_000_000_000L) {
                before[beforeCount++] = (a.arrived()[i] - a.sent()[i]) / 1e6;
            }
        }
        live = java.util.Arrays.copyOf(live, liveCount);
        before = java.util.Arrays.copyOf(before, beforeCount);
        double drainRate = arrivedInDrain / (drainNanos / 1e9);
        new BenchReport("Drain after a " + OUTAGE_SECONDS + " s broker outage at " + LIVE_RATE + " msg/s live (QoS 1)")
                .note("Backlog = messages produced from the broker's stop until the interface reconnected (its back-off "
                        + "included). Drain = from that reconnection to the arrival of the backlog's last message; its rate "
                        + "counts every message that arrived in it (backlog and live). Live latency = from publish() to "
                        + "arrival, ms, of the messages produced during the drain.")
                .table(List.of("measure", "value"), List.of(
                        List.of("messages produced / rejected by the interface", f0(produced) + " / " + f0(rejected)),
                        List.of("distinct received / lost / duplicates", f0(distinct) + " / " + f0(produced - distinct) + " / "
                                + f0(a.count() - distinct)),
                        List.of("first arrivals out of order", f0(outOfOrder)),
                        List.of("restart -> subscriber back / interface reconnected, s", f2((subscriberBack - restartAt) / 1e9) + " / "
                                + f2((interfaceBack - restartAt) / 1e9)),
                        List.of("backlog (produced while the interface was away)", f0(backlog)),
                        List.of("drain time (reconnect -> last backlog arrival), s", f2(drainNanos / 1e9)),
                        List.of("delivery rate while draining, msg/s", f0(drainRate)),
                        List.of("drain rate / live rate (target >= 0.8)", f2(drainRate / LIVE_RATE)),
                        List.of("restart -> backlog drained, s", f2((drainEnd - restartAt) / 1e9)),
                        List.of("live messages produced during the drain", f0(liveCount)),
                        List.of("their latency p50 / p99 / max, ms", f1(BenchReport.percentile(live, 50)) + " / "
                                + f1(BenchReport.percentile(live, 99)) + " / " + f1(BenchReport.percentile(live, 100))),
                        List.of("latency before the outage p50 / p99 / max, ms", f1(BenchReport.percentile(before, 50)) + " / "
                                + f1(BenchReport.percentile(before, 99)) + " / " + f1(BenchReport.percentile(before, 100)))))
                .finish("drain");
        assertEquals("messages rejected by the interface", 0, rejected);
        assertEquals("messages lost", produced, distinct);
    }

    /** How many of the sequence numbers 0..produced-1 arrived. */
    private static int distinct(BenchSubscriber.Arrivals a, int produced) {
        java.util.BitSet seen = new java.util.BitSet(produced);
        for (long n : a.seq()) {
            if (n >= 0 && n < produced) {
                seen.set((int) n);
            }
        }
        return seen.cardinality();
    }

    private static void reconnect(BenchSubscriber subscriber) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            try {
                subscriber.connect();
                return;
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("subscriber could not reconnect: " + e);
                }
                Thread.sleep(100); // retrying a connect, not waiting for an event
            }
        }
    }

    private static void awaitLong(String what, java.util.function.BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            Thread.sleep(50); // polling a condition
        }
    }

    /** Lets the benchmark's scenario run on for a while: a phase of the experiment, not a wait for a condition. */
    private static void hold(int seconds) {
        BarePublisher.pace(System.nanoTime() + seconds * 1_000_000_000L);
    }
}
