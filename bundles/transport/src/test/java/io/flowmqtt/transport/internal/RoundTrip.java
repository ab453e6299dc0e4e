package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.PublishResult;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.testing.mosquitto.Mosquitto;
import io.flowmqtt.testing.mosquitto.TestSubscriber.Received;
import io.flowmqtt.testing.mosquitto.TestSubscriber;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The common proof that an interface works: retained "online" after connect, messages at QoS 0, 1
 * and 2 on {@code <prefix>/<deviceId>/<subTopic>}, clean counters, retained "offline" after close.
 */
final class RoundTrip {
    static final long WAIT = 10_000;

    private RoundTrip() {
    }

    static TestSubscriber subscribe(Mosquitto broker, String filter, String user, String password) throws Exception {
        return TestSubscriber.connect(broker.tcpUrl(), filter, user, password, true, "sub-" + UUID.randomUUID());
    }

    static void awaitPayload(TestSubscriber sub, String topic, String payload) throws InterruptedException {
        sub.await(payload + " on " + topic,
                all -> all.stream().anyMatch(m -> m.topic().equals(topic) && m.payload().equals(payload)), WAIT);
    }

    /** A new subscriber sees the retained status. */
    static void assertRetainedStatus(Mosquitto broker, String statusTopic, String expected, String user, String password)
            throws Exception {
        try (TestSubscriber late = subscribe(broker, statusTopic, user, password)) {
            List<Received> got = late.await("retained " + expected, all -> !all.isEmpty(), WAIT);
            assertEquals(expected, got.get(0).payload());
            assertTrue("retained flag", got.get(0).retained());
        }
    }

    /**
     * Runs the whole round trip over {@code address} with the engine configured by {@code extra};
     * the subscriber connects over the broker's plain TCP listener.
     */
    static void run(Mosquitto broker, Path queueRoot, String device, String address, Map<String, Object> extra,
                    String user, String password) throws Exception {
        String root = "flow/" + device;
        Map<String, Object> config = Configs.with(extra, "address", address);
        InterfaceEngine engine = null;
        try (TestSubscriber sub = subscribe(broker, root + "/#", user, password)) {
            engine = Engines.start("if-" + device, queueRoot, config, device);
            InterfaceStatus connected = Engines.awaitState(engine, ConnectionState.CONNECTED, WAIT);
            assertEquals(BrokerAddress.parseList(address).get(0).display(), connected.broker());
            awaitPayload(sub, root + "/status", "online");
            assertRetainedStatus(broker, root + "/status", "online", user, password);

            for (int qos = 0; qos <= 2; qos++) {
                assertEquals(PublishResult.QUEUED, Engines.publishSeq(engine, "data/q" + qos, qos));
            }
            for (int qos = 0; qos <= 2; qos++) {
                awaitPayload(sub, root + "/data/q" + qos, Integer.toString(qos + 1));
                final int q = qos;
                assertEquals(qos, sub.messages().stream().filter(m -> m.topic().equals(root + "/data/q" + q))
                        .findFirst().get().qos());
            }
            InterfaceEngine e = engine;
            InterfaceStatus done = Engines.awaitStatus(engine, "3 delivered", s -> s.counters().delivered() == 3, WAIT);
            assertEquals(3, done.counters().accepted());
            assertEquals(3, done.counters().published());
            assertEquals(0, done.counters().queued());
            assertEquals(0, done.counters().queuedBytes());
            assertEquals(1, done.counters().connects());
            assertEquals("the first connect is not a reconnect", 0, done.counters().reconnects());
            assertEquals(0, done.counters().failed());
            assertEquals(ConnectionState.CONNECTED, done.state());

            engine.close();
            engine = null;
            assertEquals(ConnectionState.DISCONNECTED, e.status().state());
            awaitPayload(sub, root + "/status", "offline");
            assertRetainedStatus(broker, root + "/status", "offline", user, password);
        } finally {
            if (engine != null) {
                engine.close();
            }
        }
    }
}
