package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.OutboundMessage;
import io.flowmqtt.api.PublishResult;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.api.status.LogEntry;
import io.flowmqtt.testing.mosquitto.Mosquitto;
import io.flowmqtt.testing.mosquitto.TestSubscriber;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/** Publishing through every plain transport of a real Mosquitto, with and without authentication. */
public class ConnectivityTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(600);

    @ClassRule
    public static final TestBrokers BROKERS = new TestBrokers()
            .with("open", (m, b) -> m.tcp().websockets().unixSocket())
            .with("secured", (m, b) -> m.tcp().password("alice", "Al1ce-Secret")
                    .acl("user alice\ntopic readwrite flow/acl-dev/status\ntopic write flow/acl-dev/allowed/#\n"
                            + "topic readwrite flow/bad-pass/#\ntopic read flow/#\n"));

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();
    @Rule
    public final Cleanup cleanup = new Cleanup();

    private static Mosquitto open() {
        return BROKERS.get("open");
    }

    private static Mosquitto secured() {
        return BROKERS.get("secured");
    }

    private Path queues() {
        return tmp.getRoot().toPath();
    }

    @Test
    public void mqttScheme() throws Exception {
        RoundTrip.run(open(), queues(), "mqtt-dev", "mqtt://127.0.0.1:" + open().tcpPort(), Map.of(), null, null);
    }

    @Test
    public void tcpScheme() throws Exception {
        RoundTrip.run(open(), queues(), "tcp-dev", open().tcpUrl(), Map.of(), null, null);
    }

    @Test
    public void websockets() throws Exception {
        RoundTrip.run(open(), queues(), "ws-dev", "ws://127.0.0.1:" + open().wsPort(), Map.of(), null, null);
    }

    @Test
    public void unixSocket() throws Exception {
        RoundTrip.run(open(), queues(), "unix-dev", "unix://" + open().socket(), Map.of(), null, null);
    }

    @Test
    public void usernamePasswordAndAcl() throws Exception {
        String root = "flow/acl-dev";
        TestSubscriber sub = cleanup.add(RoundTrip.subscribe(secured(), root + "/#", "alice", "Al1ce-Secret"));
        InterfaceEngine engine = cleanup.add(Engines.start("acl", queues(), Configs.map("address", secured().tcpUrl(),
                "username", "alice", "password", "Al1ce-Secret"), "acl-dev"));
        Engines.awaitState(engine, ConnectionState.CONNECTED, RoundTrip.WAIT);
        RoundTrip.awaitPayload(sub, root + "/status", "online");
        assertEquals(PublishResult.QUEUED, Engines.publishText(engine, "denied/x", 1, "must-not-arrive"));
        assertEquals(PublishResult.QUEUED, Engines.publishText(engine, "allowed/x", 1, "control"));
        // the control message was published after the denied one, on the same connection, in order
        RoundTrip.awaitPayload(sub, root + "/allowed/x", "control");
        assertFalse("a denied topic arrived: " + sub.messages(),
                sub.messages().stream().anyMatch(m -> m.topic().contains("denied") || m.payload().equals("must-not-arrive")));
        assertTrue(secured().log().contains("Denied PUBLISH"));
    }

    @Test
    public void wrongPasswordIsReportedWithoutThePassword() throws Exception {
        String password = "Wr0ng-Pa55word";
        InterfaceEngine engine = cleanup.add(Engines.start("bad-pass", queues(), Configs.map("address", secured().tcpUrl(),
                "username", "alice", "password", password), "bad-pass"));
        InterfaceStatus status = Engines.awaitStatus(engine, "a refused CONNACK",
                s -> s.lastError() != null && s.lastError().contains("CONNACK return code")
                        && s.state() == ConnectionState.DISCONNECTED, RoundTrip.WAIT);
        assertTrue(status.lastError(), status.lastError().matches(".*CONNACK return code [45] .*"));
        assertTrue(status.detail(), status.detail().matches(".*CONNACK return code [45] .*"));
        assertTrue(status.detail(), status.detail().contains("next attempt in"));
        // it keeps trying
        Engines.awaitStatus(engine, "retries", s -> s.counters().reconnects() >= 2, RoundTrip.WAIT);
        assertEquals(0, engine.status().counters().connects());
        String visible = Engines.visibleText(engine);
        assertTrue(visible, visible.contains("alice"));
        assertFalse(visible, visible.contains(password));
        for (LogEntry entry : engine.communicationLog()) {
            assertFalse(entry.message(), entry.message().contains(password));
        }
    }

    @Test
    public void disabledInterfaceRejectsAndDoesNotConnect() throws Exception {
        InterfaceEngine engine = cleanup.add(Engines.start("off", queues(), Configs.map("address", open().tcpUrl(),
                "enabled", false), "off-dev"));
        Engines.awaitState(engine, ConnectionState.DISABLED, RoundTrip.WAIT);
        assertEquals(PublishResult.REJECTED, Engines.publishSeq(engine, "data", 1));
        assertEquals(1, engine.status().counters().rejected());
        assertEquals(0, engine.status().counters().accepted());
    }

    @Test
    public void invalidConfigurationAndRecovery() throws Exception {
        String root = "flow/fix-dev";
        TestSubscriber sub = cleanup.add(RoundTrip.subscribe(open(), root + "/#", null, null));
        InterfaceEngine engine = cleanup.add(new InterfaceEngine("fix", queues(), System::currentTimeMillis));
        try {
            InterfaceSettings.from(Configs.of("address", open().tcpUrl(), "qos", 7), "fix", "fix-dev");
        } catch (InvalidSettingException e) {
            engine.invalid("fix", e);
        }
        InterfaceStatus invalid = Engines.awaitState(engine, ConnectionState.INVALID_CONFIGURATION, RoundTrip.WAIT);
        assertTrue(invalid.detail(), invalid.detail().contains("qos"));
        assertEquals(PublishResult.REJECTED, Engines.publishSeq(engine, "data", 1));
        engine.apply(Engines.settings("fix", Configs.map("address", open().tcpUrl()), "fix-dev"));
        Engines.awaitState(engine, ConnectionState.CONNECTED, RoundTrip.WAIT);
        Engines.publishSeq(engine, "data", 1);
        RoundTrip.awaitPayload(sub, root + "/data", "1");
    }

    @Test
    public void badSubTopicsAreRefused() throws Exception {
        InterfaceEngine engine = cleanup.add(Engines.start("subs", queues(), Configs.map("address", open().tcpUrl()), "subs-dev"));
        for (String bad : new String[] {"", "/a", "a/", "a//b", "a/+", "a/#", "a\u0000b"}) {
            assertEquals(bad, PublishResult.REJECTED, engine.publish(new OutboundMessage(bad, 1, false, seq -> new byte[1])));
        }
        assertEquals(7, engine.status().counters().rejected());
        assertEquals(0, engine.status().counters().accepted());
    }

    @Test
    public void burstsOfEveryQosAreThrottledNotFailed() throws Exception {
        String root = "flow/burst-dev";
        TestSubscriber sub = cleanup.add(RoundTrip.subscribe(open(), root + "/#", null, null));
        InterfaceEngine engine = cleanup.add(Engines.start("burst", queues(), Configs.map("address", open().tcpUrl(),
                "maxInflight", 8), "burst-dev"));
        Engines.awaitState(engine, ConnectionState.CONNECTED, RoundTrip.WAIT);
        int perQos = 700;
        for (int i = 0; i < perQos; i++) {
            for (int qos = 0; qos <= 2; qos++) {
                assertEquals(PublishResult.QUEUED, Engines.publishSeq(engine, "burst/q" + qos, qos));
            }
        }
        InterfaceStatus s = Engines.awaitStatus(engine, "all delivered",
                st -> st.counters().delivered() == 3L * perQos, 30_000);
        assertEquals("no publish was refused by Paho (maxInflight)", 0, s.counters().failed());
        assertEquals(3L * perQos, s.counters().published());
        assertEquals(0, s.counters().queued());
        sub.await("every message", all -> all.stream().filter(m -> m.topic().startsWith(root + "/burst/")).count()
                >= 3L * perQos, 30_000);
        // in order per topic
        for (int qos = 1; qos <= 2; qos++) {
            String topic = root + "/burst/q" + qos;
            List<Long> seqs = sub.messages().stream().filter(m -> m.topic().equals(topic))
                    .map(m -> Long.parseLong(m.payload())).collect(Collectors.toList());
            List<Long> sorted = new ArrayList<>(seqs);
            Collections.sort(sorted);
            assertEquals(topic, sorted, seqs);
            assertEquals(perQos, seqs.size());
        }
    }

    @Test
    public void onlineIsPublishedAgainAfterTheBrokerLostIt() throws Exception {
        Mosquitto volatileBroker = BROKERS.start("volatile", (m, b) -> m.tcp());
        InterfaceEngine engine = cleanup.add(Engines.start("again", queues(), Configs.map("address",
                volatileBroker.tcpUrl()), "again-dev"));
        Engines.awaitState(engine, ConnectionState.CONNECTED, RoundTrip.WAIT);
        RoundTrip.assertRetainedStatus(volatileBroker, "flow/again-dev/status", "online", null, null);
        volatileBroker.kill(); // no persistence: the retained message is gone with it
        volatileBroker.start();
        Engines.awaitStatus(engine, "reconnected", st -> st.state() == ConnectionState.CONNECTED
                && st.counters().connects() == 2, RoundTrip.WAIT);
        RoundTrip.assertRetainedStatus(volatileBroker, "flow/again-dev/status", "online", null, null);
        assertTrue(engine.status().counters().reconnects() >= 1);
    }
}
