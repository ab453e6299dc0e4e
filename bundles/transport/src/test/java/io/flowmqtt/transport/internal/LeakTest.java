package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.testing.mosquitto.Mosquitto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/** Hundreds of reconnect cycles must not leave threads, sockets or file handles behind. */
public class LeakTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(600);

    private static final long WAIT = 30_000;

    private final Cleanup cleanup = new Cleanup();
    /** Brokers and folders for one test; what the test opened (engines, subscribers) closes before they stop. */
    @Rule
    public final TestBrokers brokers = new TestBrokers().closingFirst(cleanup);

    /** Live Paho threads of a client ("MQTT Rec: id", "MQTT Snd: id", "MQTT Call: id", "MQTT Con: id", ...). */
    static List<String> pahoThreads(String clientId) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("MQTT") && n.endsWith(clientId)).collect(Collectors.toList());
    }

    static String stacks(String clientId) {
        StringBuilder text = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().startsWith("MQTT") && t.getName().endsWith(clientId)) {
                text.append("\n").append(t.getName()).append(" ").append(t.getState());
                for (StackTraceElement e : stack) {
                    text.append("\n    at ").append(e);
                }
            }
        });
        return text.toString();
    }

    static int liveThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).count();
    }

    static List<String> fds() throws IOException {
        try (Stream<Path> list = Files.list(Path.of("/proc/self/fd"))) {
            return list.map(p -> {
                try {
                    return Files.readSymbolicLink(p).toString();
                } catch (IOException e) {
                    return "?"; // closed while listing (the listing's own handle)
                }
            }).collect(Collectors.toList());
        }
    }

    static long fdsTo(Path file) throws IOException {
        return fds().stream().filter(l -> l.equals(file.toString())).count();
    }

    static long sockets() throws IOException {
        return fds().stream().filter(l -> l.startsWith("socket:")).count();
    }

    private void assertReleased(InterfaceEngine engine, String clientId, String name, Path journal, int threadBaseline,
                                long socketBaseline, int fdBaseline) throws Exception {
        engine.close();
        try {
            Engines.waitFor("no Paho thread of " + clientId + " left", () -> pahoThreads(clientId).isEmpty(), 5000);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + stacks(clientId), e);
        }
        Engines.waitFor("the engine's own thread is gone", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().equals("flow-mqtt-" + name)), 5000);
        Engines.waitFor("thread count back near " + threadBaseline, () -> liveThreads() <= threadBaseline + 2, 5000);
        assertEquals("journal handles after close", 0, fdsTo(journal));
        Engines.waitFor("sockets back to " + socketBaseline, () -> {
            try {
                return sockets() <= socketBaseline;
            } catch (IOException e) {
                return false;
            }
        }, 5000);
        assertTrue("file handles " + fds().size() + " vs " + fdBaseline + " before", fds().size() <= fdBaseline + 2);
    }

    @Test
    public void hundredsOfFailedConnectsToADeadPort() throws Exception {
        Path queues = brokers.folder("queues");
        Path journal = queues.resolve("dead").resolve("journal");
        int dead = Mosquitto.freePort();
        int threads = liveThreads();
        long sockets = sockets();
        int fdCount = fds().size();
        InterfaceEngine engine = Engines.start("dead", queues, Configs.map("address", "tcp://127.0.0.1:" + dead,
                "reconnectMinMillis", 10, "reconnectMaxMillis", 10), "leak");
        try {
            int peakThreads = 0;
            long peakPaho = 0;
            long peakSockets = 0;
            // -Dflow.leak.cycles=5000 turns this into a soak (mvn -pl bundles/transport test -Dtest=LeakTest ...)
            int cycles = Integer.getInteger("flow.leak.cycles", 250);
            long deadline = System.currentTimeMillis() + Math.max(WAIT, cycles * 60L);
            while (engine.status().counters().reconnects() < cycles) {
                assertTrue("only " + engine.status().counters().reconnects() + " attempts so far",
                        System.currentTimeMillis() < deadline);
                peakThreads = Math.max(peakThreads, liveThreads());
                peakPaho = Math.max(peakPaho, pahoThreads("flow-leak-dead").size());
                peakSockets = Math.max(peakSockets, sockets());
                assertEquals("one handle on the journal", 1, fdsTo(journal));
                Thread.sleep(20); // sampling while the engine cycles
            }
            assertTrue("threads peaked at " + peakThreads + " from " + threads, peakThreads <= threads + 8);
            assertTrue("Paho threads peaked at " + peakPaho, peakPaho <= 3);
            assertTrue("sockets peaked at " + peakSockets + " from " + sockets, peakSockets <= sockets + 3);
            InterfaceStatus s = engine.status();
            assertEquals(0, s.counters().connects());
            assertTrue(s.lastError(), s.lastError().contains("Connect"));
        } finally {
            assertReleased(engine, "flow-leak-dead", "dead", journal, threads, sockets, fdCount);
        }
    }

    @Test
    public void refusedConnectsAndBrokerRestartsReleaseEverything() throws Exception {
        Path queues = brokers.folder("queues");
        Mosquitto broker = brokers.start("broker", (m, b) -> m.tcp().password("alice", "right-pw"));
        int threads = liveThreads();
        long sockets = sockets();
        int fdCount = fds().size();

        // refused at CONNACK: a full TCP + MQTT exchange per attempt, Paho's comms threads started and stopped each time
        Path refusedJournal = queues.resolve("refused").resolve("journal");
        InterfaceEngine refused = Engines.start("refused", queues, Configs.map("address", broker.tcpUrl(),
                "username", "alice", "password", "wrong-pw", "reconnectMinMillis", 10, "reconnectMaxMillis", 10), "leak");
        try {
            Engines.awaitStatus(refused, "20 refused attempts", s -> s.counters().reconnects() >= 20, WAIT);
            assertTrue(pahoThreads("flow-leak-refused").size() <= 4);
        } finally {
            assertReleased(refused, "flow-leak-refused", "refused", refusedJournal, threads, sockets, fdCount);
        }

        // connection lost and re-established: the same Paho client is reused every time
        Path restartJournal = queues.resolve("restarts").resolve("journal");
        InterfaceEngine engine = Engines.start("restarts", queues, Configs.map("address", broker.tcpUrl(),
                "username", "alice", "password", "right-pw", "reconnectMinMillis", 10, "reconnectMaxMillis", 20), "leak");
        try {
            int threadsAfterFirst = 0;
            long socketsAfterFirst = 0;
            for (int cycle = 1; cycle <= 8; cycle++) {
                final int expected = cycle;
                Engines.awaitStatus(engine, "connect #" + cycle, s -> s.state() == ConnectionState.CONNECTED
                        && s.counters().connects() == expected, WAIT);
                if (cycle == 2) {
                    threadsAfterFirst = liveThreads();
                    socketsAfterFirst = sockets();
                } else if (cycle > 2) {
                    assertTrue("threads " + liveThreads() + " after cycle " + cycle + ", " + threadsAfterFirst + " after 2",
                            liveThreads() <= threadsAfterFirst + 2);
                    assertTrue("sockets " + sockets() + " after cycle " + cycle, sockets() <= socketsAfterFirst + 1);
                }
                assertEquals(1, fdsTo(restartJournal));
                broker.stop();
                Engines.awaitStatus(engine, "lost", s -> s.state() != ConnectionState.CONNECTED, WAIT);
                broker.start();
            }
        } finally {
            assertReleased(engine, "flow-leak-restarts", "restarts", restartJournal, threads, sockets, fdCount);
        }
    }

    @Test
    public void closingOrReconfiguringWhileConnectingLeavesNoThread() throws Exception {
        Path queues = brokers.folder("queues");
        Mosquitto broker = brokers.start("open", (m, b) -> m.tcp());
        Mosquitto other = brokers.start("other", (m, b) -> m.tcp());
        for (int round = 0; round < 3; round++) {
            String name = "closing" + round;
            InterfaceEngine engine = Engines.start(name, queues, Configs.map("address", broker.tcpUrl()), "leak");
            Engines.awaitState(engine, ConnectionState.CONNECTING, WAIT);
            engine.close(); // while Paho is still starting its threads
            String clientId = "flow-leak-" + name;
            Engines.waitFor("no Paho thread of " + clientId + " left", () -> pahoThreads(clientId).isEmpty(), 5000);
        }
        InterfaceEngine engine = Engines.start("switching", queues, Configs.map("address", broker.tcpUrl()), "leak");
        try {
            Engines.awaitState(engine, ConnectionState.CONNECTING, WAIT);
            engine.apply(Engines.settings("switching", Configs.map("address", other.tcpUrl(), "clientId", "moved"), "leak"));
            Engines.awaitStatus(engine, "connected to the other broker", s -> s.state() == ConnectionState.CONNECTED
                    && s.broker().equals(other.tcpUrl()), WAIT);
            Engines.waitFor("the first client's threads are gone", () -> pahoThreads("flow-leak-switching").isEmpty(), 5000);
        } finally {
            engine.close();
        }
        Engines.waitFor("no thread of the second client left", () -> pahoThreads("moved").isEmpty(), 5000);
    }
}
