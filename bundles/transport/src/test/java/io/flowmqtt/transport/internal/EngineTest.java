package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.PublishResult;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.testing.mosquitto.Mosquitto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/** Engine behaviour that needs no broker: queue directories, renames, invalid configurations. */
public class EngineTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(600);

    private static final long WAIT = 10_000;

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();
    @Rule
    public final Cleanup cleanup = new Cleanup();

    private static Map<String, Object> deadBroker() throws Exception {
        return Configs.map("address", "tcp://127.0.0.1:" + Mosquitto.freePort(), "reconnectMinMillis", 1000,
                "reconnectMaxMillis", 2000);
    }

    @Test
    public void renameMovesTheQueue() throws Exception {
        Path queues = tmp.getRoot().toPath();
        Map<String, Object> config = deadBroker();
        InterfaceEngine engine = Engines.start("first", queues, config, "dev");
        try {
            Engines.awaitStatus(engine, "a failed attempt", s -> s.lastError() != null, WAIT);
            for (int i = 0; i < 5; i++) {
                assertEquals(PublishResult.QUEUED, Engines.publishSeq(engine, "data", 1));
            }
            engine.apply(Engines.settings("second", Configs.with(config, "name", "second"), "dev"));
            Engines.awaitStatus(engine, "renamed", s -> s.name().equals("second") && s.counters().queued() == 5, WAIT);
        } finally {
            engine.close();
        }
        assertFalse(Files.exists(queues.resolve("first")));
        InterfaceEngine again = cleanup.add(Engines.start("second", queues, config, "dev"));
        Engines.awaitStatus(again, "5 recovered", s -> s.counters().queued() == 5, WAIT);
    }

    @Test
    public void renameAfterAnInvalidConfigurationStillMovesTheQueue() throws Exception {
        Path queues = tmp.getRoot().toPath();
        Map<String, Object> config = deadBroker();
        InterfaceEngine engine = Engines.start("first", queues, config, "dev");
        try {
            Engines.awaitStatus(engine, "a failed attempt", s -> s.lastError() != null, WAIT);
            for (int i = 0; i < 5; i++) {
                Engines.publishSeq(engine, "data", 1);
            }
            try {
                Engines.settings("first", Configs.with(config, "qos", 9), "dev");
            } catch (InvalidSettingException e) {
                engine.invalid("first", e);
            }
            Engines.awaitState(engine, ConnectionState.INVALID_CONFIGURATION, WAIT);
            assertEquals(PublishResult.REJECTED, Engines.publishSeq(engine, "data", 1));
            engine.apply(Engines.settings("second", Configs.with(config, "name", "second"), "dev"));
            Engines.awaitStatus(engine, "renamed and running", s -> s.name().equals("second")
                    && s.state() != ConnectionState.INVALID_CONFIGURATION, WAIT);
            Engines.publishSeq(engine, "data", 1);
            assertEquals(6, engine.status().counters().queued());
        } finally {
            engine.close();
        }
        InterfaceEngine again = cleanup.add(Engines.start("second", queues, config, "dev"));
        InterfaceStatus s = Engines.awaitStatus(again, "the queue of the interface now called 'second'",
                st -> st.counters().queued() == 6, WAIT);
        assertEquals(6, s.counters().queued());
    }

    @Test
    public void anUnusableQueueDirectoryIsReported() throws Exception {
        Path notADirectory = tmp.newFile("queues").toPath();
        InterfaceEngine engine = cleanup.add(Engines.start("q", notADirectory, deadBroker(), "dev"));
        // a queue that cannot be opened is a queue failure (retried), not a configuration error
        InterfaceStatus s = Engines.awaitState(engine, ConnectionState.QUEUE_FAILED, WAIT);
        assertTrue(s.detail(), s.detail().contains("the queue under " + notADirectory.resolve("q")
                + " cannot be written: cannot open it"));
        assertEquals(PublishResult.REJECTED, Engines.publishSeq(engine, "data", 1));
        assertTrue(Engines.logText(engine), Engines.logText(engine).contains("cannot open it"));
    }

    @Test
    public void aMissingUnixSocketIsNamedInTheError() throws Exception {
        Path socket = tmp.getRoot().toPath().resolve("no-broker.sock");
        InterfaceEngine engine = cleanup.add(Engines.start("unix", tmp.newFolder("q").toPath(),
                Configs.map("address", "unix://" + socket), "dev"));
        InterfaceStatus s = Engines.awaitStatus(engine, "a failed attempt", st -> st.lastError() != null, WAIT);
        assertTrue(s.lastError(), s.lastError().contains(socket.toString()));
        assertEquals("unix://" + socket, s.broker());
    }

    @Test
    public void queueLimitsApplyWithoutReconnecting() throws Exception {
        Map<String, Object> config = Configs.with(deadBroker(), "queueMaxMessages", 3, "dropPolicy", "NEWEST");
        InterfaceEngine engine = cleanup.add(Engines.start("limits", tmp.newFolder("q").toPath(), config, "dev"));
        Engines.awaitStatus(engine, "a failed attempt", s -> s.lastError() != null, WAIT);
        for (int i = 0; i < 3; i++) {
            assertEquals(PublishResult.QUEUED, Engines.publishSeq(engine, "data", 1));
        }
        assertEquals(PublishResult.DROPPED, Engines.publishSeq(engine, "data", 1));
        engine.apply(Engines.settings("limits", Configs.with(config, "queueMaxMessages", 4, "dropPolicy", "OLDEST"), "dev"));
        Engines.awaitStatus(engine, "applied", s -> Engines.logText(engine).contains("(connection unchanged)"), WAIT);
        assertEquals(PublishResult.QUEUED, Engines.publishSeq(engine, "data", 1));
        assertEquals(PublishResult.QUEUED_DROPPED_OLDEST, Engines.publishSeq(engine, "data", 1));
        InterfaceStatus s = engine.status();
        assertEquals(4, s.counters().queued());
        assertEquals(2, s.counters().dropped());
        assertEquals(5, s.counters().accepted());
        assertTrue(Engines.logText(engine), Engines.logText(engine).contains("queue full"));
    }
}
