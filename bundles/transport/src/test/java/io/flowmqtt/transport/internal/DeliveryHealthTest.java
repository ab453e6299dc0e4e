package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import io.flowmqtt.api.OutboundMessage;
import io.flowmqtt.api.PublishResult;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.testing.mosquitto.Mosquitto;
import io.flowmqtt.testing.mosquitto.TestSubscriber.Received;
import io.flowmqtt.testing.mosquitto.TestSubscriber;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * Failures that used to stop delivery for good while the interface said all was well: a broker that caps
 * QoS, a message the broker closes the connection on, a configuration fixed while messages wait, a broker
 * that accepts and drops, a client that stops completing deliveries, an interrupted publisher, a full disk.
 */
public class DeliveryHealthTest {
    private static final long WAIT = 15_000;

    private final Cleanup cleanup = new Cleanup();
    /** Brokers and folders for one test; what the test opened (engines, subscribers) closes before they stop. */
    @Rule
    public final TestBrokers brokers = new TestBrokers().closingFirst(cleanup);
    @Rule
    public final Timeout timeout = new Timeout(60, TimeUnit.SECONDS);

    private Path queues() throws IOException {
        return brokers.folder("queues");
    }

    private Mosquitto broker(String name, String config) throws Exception {
        return brokers.start(name, (m, b) -> config == null ? m.tcp() : m.tcp().config(config));
    }

    private static OutboundMessage sized(String subTopic, int qos, int bytes) {
        return new OutboundMessage(subTopic, qos, false, seq -> {
            StringBuilder text = new StringBuilder(Long.toString(seq));
            while (text.length() < bytes) {
                text.append(' ');
            }
            return text.toString().getBytes(StandardCharsets.US_ASCII);
        });
    }

    private static List<Long> seqs(List<Received> messages, String topic) {
        return messages.stream().filter(m -> m.topic().equals(topic)).map(m -> Long.parseLong(m.payload().strip()))
                .sorted().collect(Collectors.toList());
    }

    @Test
    public void aBrokerThatTakesAtMostQos1GetsQos1AndSaysSo() throws Exception {
        // Mosquitto's max_qos 1 behaves as NATS 2.9 does: QoS 1 granted, a QoS 2 publish ends the connection.
        Mosquitto broker = broker("maxqos", "max_qos 1");
        TestSubscriber sub = cleanup.add(TestSubscriber.connect(broker.tcpUrl(), "flow/#"));
        InterfaceEngine engine = cleanup.add(Engines.start("capped", queues(),
                Configs.map("address", broker.tcpUrl(), "qos", 2), "capped"));
        InterfaceStatus connected = Engines.awaitState(engine, ConnectionState.CONNECTED, WAIT);
        assertEquals(1, connected.maxQos());
        for (int i = 0; i < 50; i++) {
            Engines.publishSeq(engine, "data", -1);
            Engines.publishSeq(engine, "data", 2);
        }
        List<Received> got = sub.await("100 messages", all -> seqs(all, "flow/capped/data").size() >= 100, WAIT);
        assertTrue(got.stream().filter(m -> m.topic().equals("flow/capped/data")).allMatch(m -> m.qos() <= 1));
        InterfaceStatus s = Engines.awaitStatus(engine, "all delivered", st -> st.counters().queued() == 0, WAIT);
        assertEquals("no reconnect cycle", 1, s.counters().connects());
        assertEquals(ConnectionState.CONNECTED, s.state());
        assertTrue(s.detail(), s.detail().contains("at most QoS 1"));
        assertTrue(Engines.logText(engine), Engines.logText(engine).contains("the broker grants at most QoS 1"));
    }

    @Test
    public void aMessageTheBrokerClosesTheConnectionOnIsParkedAndTheRestGoesOn() throws Exception {
        // max_packet_size: Mosquitto disconnects an MQTT 3.1.1 client that sends a larger packet
        Mosquitto broker = broker("poison", "max_packet_size 4096");
        TestSubscriber sub = cleanup.add(TestSubscriber.connect(broker.tcpUrl(), "flow/#"));
        InterfaceEngine engine = cleanup.add(Engines.start("poison", queues(),
                Configs.map("address", broker.tcpUrl(), "qos", 1), "poison"));
        Engines.awaitState(engine, ConnectionState.CONNECTED, WAIT);
        for (int i = 1; i <= 11; i++) {
            assertEquals(PublishResult.QUEUED, engine.publish(sized("data", -1, i == 6 ? 8000 : 20)));
        }
        sub.await("the 10 small messages", all -> seqs(all, "flow/poison/data").stream().distinct().count() >= 10, WAIT);
        InterfaceStatus s = Engines.awaitStatus(engine, "the queue empty", st -> st.counters().queued() == 0
                && st.state() == ConnectionState.CONNECTED, WAIT);
        // at least once: what was in flight at the first loss may arrive twice
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 7L, 8L, 9L, 10L, 11L),
                seqs(sub.messages(), "flow/poison/data").stream().distinct().collect(Collectors.toList()));
        assertEquals(1, s.counters().deadLettered());
        // named in the log (the last error may have moved on, e.g. to a slow connect on a loaded machine)
        assertEquals(Engines.logText(engine), 1, engine.communicationLog().stream()
                .filter(e -> e.message().startsWith("seq 6 to flow/poison/data (QoS 1) given up")).count());
        String parked = Files.readString(queues().resolve("poison").resolve("dead-letters.jsonl"));
        assertTrue(parked, parked.contains("\"seq\":6") && parked.contains("flow/poison/data"));
        assertTrue("one loss to become careful, three strikes, then the rest went on: " + s.counters().connects(),
                s.counters().connects() >= 5);
    }

    @Test
    public void fixingTheConfigurationFixesWhatIsQueued() throws Exception {
        Mosquitto broker = broker("fix", null);
        TestSubscriber sub = cleanup.add(TestSubscriber.connect(broker.tcpUrl(), "flow/#"));
        Map<String, Object> before = Configs.map("address", "tcp://127.0.0.1:" + Mosquitto.freePort(), "qos", 2,
                "deviceIdType", "CUSTOM", "customDeviceId", "old");
        InterfaceEngine engine = cleanup.add(Engines.start("fix", queues(), before, "block"));
        Engines.awaitStatus(engine, "the configuration applied", st -> st.broker() != null, WAIT);
        for (int i = 0; i < 10; i++) {
            Engines.publishSeq(engine, "data", -1);
        }
        engine.apply(Engines.settings("fix", Configs.with(before, "address", broker.tcpUrl(), "qos", 1,
                "customDeviceId", "new"), "block")).get(5, TimeUnit.SECONDS);
        List<Received> got;
        try {
            got = sub.await("10 messages", all -> seqs(all, "flow/new/data").size() >= 10, WAIT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + Engines.visibleText(engine));
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), seqs(got, "flow/new/data"));
        assertTrue("sent at the QoS configured now", got.stream()
                .filter(m -> m.topic().equals("flow/new/data")).allMatch(m -> m.qos() == 1));
        assertTrue(seqs(got, "flow/old/data").isEmpty());
    }

    @Test
    public void aBrokerThatAcceptsAndDropsIsNotHammeredAndTheOutageIsReportedOnce() throws Exception {
        ScriptedBroker flapping = cleanup.add(new ScriptedBroker(ScriptedBroker.Mode.DROP_AFTER_CONNACK));
        InterfaceEngine engine = cleanup.add(Engines.start("flap", queues(), Configs.map("address", flapping.url(),
                "reconnectMinMillis", 50, "reconnectMaxMillis", 400), "flap"));
        try {
            Engines.waitFor("10 connections", () -> flapping.connectTimes().size() >= 10, WAIT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + Engines.visibleText(engine));
        }
        List<Long> times = flapping.connectTimes();
        for (int i = 6; i < 10; i++) {
            long gap = times.get(i) - times.get(i - 1);
            // equal jitter at the ceiling: every delay is at least half of reconnectMaxMillis
            assertTrue("gap " + i + " was " + gap + " ms: " + times, gap >= 200);
        }
        long reports = engine.communicationLog().stream().filter(e -> e.message().contains("outage report sent")).count();
        assertTrue("outage reports: " + reports + "\n" + Engines.logText(engine), reports <= 1);
    }

    @Test
    public void aClientThatStopsCompletingDeliveriesIsRebuiltAndNothingIsLost() throws Exception {
        ScriptedBroker mute = cleanup.add(new ScriptedBroker(ScriptedBroker.Mode.NEVER_ACK));
        InterfaceEngine engine = cleanup.add(Engines.start("mute", queues(), Configs.map("address", mute.url(),
                "qos", 1, "deliveryTimeoutSeconds", 5), "mute"));
        Engines.awaitState(engine, ConnectionState.CONNECTED, WAIT);
        for (int i = 0; i < 3; i++) {
            Engines.publishSeq(engine, "data", 1);
        }
        InterfaceStatus s = Engines.awaitStatus(engine, "a rebuilt client", st -> st.counters().connects() >= 2, 20_000);
        assertEquals(3, s.counters().queued());
        assertTrue(s.lastError(), s.lastError().contains("no delivery completed for"));
    }

    @Test
    public void anInterruptedPublisherDoesNotHarmTheInterface() throws Exception {
        Mosquitto broker = broker("interrupt", null);
        TestSubscriber sub = cleanup.add(TestSubscriber.connect(broker.tcpUrl(), "flow/#"));
        InterfaceEngine engine = cleanup.add(Engines.start("intr", queues(), Configs.map("address", broker.tcpUrl(),
                "qos", 1), "intr"));
        Engines.awaitState(engine, ConnectionState.CONNECTED, WAIT);
        Thread publisher = new Thread(() -> {
            Thread.currentThread().interrupt(); // as shutdownNow() does to a plugin's thread
            for (int i = 0; i < 100; i++) {
                Engines.publishSeq(engine, "data", 1);
            }
        });
        publisher.start();
        publisher.join();
        for (int i = 0; i < 10; i++) {
            assertEquals(PublishResult.QUEUED, Engines.publishSeq(engine, "data", 1));
        }
        sub.await("110 messages", all -> seqs(all, "flow/intr/data").size() >= 110, WAIT);
        InterfaceStatus s = engine.status();
        assertEquals(0, s.counters().rejected());
        assertEquals(ConnectionState.CONNECTED, s.state());
    }

    @Test
    public void topicCharactersCommonBrokersRefuseAreWarnedAboutNotRefused() throws Exception {
        Mosquitto broker = broker("warn", null);
        TestSubscriber sub = cleanup.add(TestSubscriber.connect(broker.tcpUrl(), "flow/#"));
        InterfaceEngine engine = cleanup.add(Engines.start("warn", queues(), Configs.map("address", broker.tcpUrl(),
                "deviceIdType", "CUSTOM", "customDeviceId", "RCE Block"), "block"));
        InterfaceStatus s = Engines.awaitState(engine, ConnectionState.CONNECTED, WAIT);
        assertEquals(1, s.warnings().size());
        assertTrue(s.warnings().get(0), s.warnings().get(0).contains("a space: NATS refuses"));
        Engines.publishSeq(engine, "data", 1);
        sub.await("the message", all -> !seqs(all, "flow/RCE Block/data").isEmpty(), WAIT);
        assertTrue(Engines.logText(engine).contains("warning: the topic root 'flow/RCE Block'"));
    }

    @Test
    public void renamingOntoAnExistingQueueFolderIsRefused() throws Exception {
        Map<String, Object> config = Configs.map("address", "tcp://127.0.0.1:" + Mosquitto.freePort());
        InterfaceEngine engine = cleanup.add(Engines.start("first", queues(), config, "block"));
        Engines.awaitStatus(engine, "the configuration applied", st -> st.broker() != null, WAIT);
        Engines.publishSeq(engine, "data", 1);
        Files.createDirectories(queues().resolve("second"));
        engine.apply(Engines.settings("second", config, "block")).get(5, TimeUnit.SECONDS);
        InterfaceStatus s = engine.status();
        assertEquals(ConnectionState.INVALID_CONFIGURATION, s.state());
        assertTrue(s.detail(), s.detail().contains("a queue folder " + queues().resolve("second") + " already exists"));
        assertTrue(Files.exists(queues().resolve("first").resolve("journal")));
    }

    @Test
    public void aFullDiskIsAStateOfItsOwnAndNothingAcceptedIsLost() throws Exception {
        Path small = brokers.folder("small");
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", small.toString())
                .redirectErrorStream(true).start();
        assumeTrue("mounting a small file system needs root (the journal's own tests cover the I/O boundary)",
                mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0);
        cleanup.add(() -> new ProcessBuilder("umount", "-l", small.toString()).start().waitFor(10, TimeUnit.SECONDS));
        Path filler = small.resolve("filler");
        Files.write(filler, new byte[64 * 1024]);
        Map<String, Object> config = Configs.map("address", "tcp://127.0.0.1:" + Mosquitto.freePort(), "qos", 1);
        InterfaceEngine engine = cleanup.add(Engines.start("full", small, config, "block"));
        Engines.awaitStatus(engine, "the configuration applied", st -> st.broker() != null, WAIT);
        int accepted = 0;
        PublishResult result;
        while ((result = engine.publish(sized("data", 1, 2000))) == PublishResult.QUEUED) {
            accepted++;
            assertTrue("never full", accepted < 1000);
        }
        assertEquals(PublishResult.REJECTED, result);
        InterfaceStatus full = engine.status();
        assertEquals(Engines.visibleText(engine), ConnectionState.QUEUE_FAILED, full.state());
        assertTrue(full.detail(), full.detail().contains("No space left on device"));
        Files.delete(filler);
        assertEquals(PublishResult.QUEUED, engine.publish(sized("data", 1, 2000)));
        accepted++;
        assertFalse(engine.status().state() == ConnectionState.QUEUE_FAILED);
        assertEquals(accepted, engine.status().counters().queued());
        engine.close();
        InterfaceEngine again = cleanup.add(Engines.start("full", small, config, "block"));
        int expected = accepted;
        Engines.awaitStatus(again, expected + " messages recovered", st -> st.counters().queued() == expected, WAIT);
    }
}
