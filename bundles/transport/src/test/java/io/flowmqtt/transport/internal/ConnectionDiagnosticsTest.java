package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.status.ConnectionCheck;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.testing.mosquitto.Mosquitto;
import io.flowmqtt.testing.mosquitto.TestSubscriber;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/** The staged connection test names the step that fails, and two devices under one root find each other out; real brokers. */
public class ConnectionDiagnosticsTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(600);

    @ClassRule
    public static final TestBrokers BROKERS = new TestBrokers()
            .with("open", (m, b) -> m.tcp().unixSocket())
            .with("locked", (m, b) -> m.tcp().password("alice", "s3cret-pw"))
            .with("wrong-host", (m, b) -> m.tcp().tls(b.certificates(), "wrong-host", false));

    private static Mosquitto open() {
        return BROKERS.get("open");
    }

    private static Mosquitto locked() {
        return BROKERS.get("locked");
    }

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();
    @Rule
    public final Cleanup cleanup = new Cleanup();

    private static ConnectionCheck only(Map<String, Object> config) throws Exception {
        Map<String, Object> all = new java.util.HashMap<>(Engines.FAST);
        all.putAll(config);
        List<ConnectionCheck> checks = ConnectionTester.test(Engines.settings("t", all, "dev"));
        assertEquals(1, checks.size());
        return checks.get(0);
    }

    private static String names(ConnectionCheck check) {
        return check.steps().stream().map(s -> s.name() + (s.ok() ? "" : "!")).collect(Collectors.joining(","));
    }

    @Test
    public void everyStepPassesAgainstAWorkingBrokerWithoutDisturbingTheRunningConnection() throws Exception {
        InterfaceEngine engine = cleanup.add(Engines.start("t", tmp.getRoot().toPath(), Configs.map("address", open().tcpUrl()), "dev"));
        Engines.awaitState(engine, ConnectionState.CONNECTED, 15_000);
        TestSubscriber status = cleanup.add(TestSubscriber.connect(open().tcpUrl(), "flow/dev/status/#"));
        status.await("the retained online", all -> all.stream().anyMatch(m -> m.payload().equals("online")), 15_000);

        List<ConnectionCheck> checks = engine.testConnection();
        assertEquals(1, checks.size());
        ConnectionCheck check = checks.get(0);
        assertTrue(check.toString(), check.ok());
        assertEquals("dns,tcp,connack,puback,qos", names(check));
        assertTrue(check.steps().get(0).detail(), check.steps().get(0).detail().contains("127.0.0.1"));
        status.await("the test message", all -> all.stream().anyMatch(m -> m.topic().equals("flow/dev/status/test")), 15_000);
        // the test client has no last will and another client id: the interface stays connected and online
        assertEquals(ConnectionState.CONNECTED, engine.status().state());
        assertFalse(status.messages().stream().anyMatch(m -> m.payload().equals("offline")));
        assertTrue(Engines.logText(engine), Engines.logText(engine).contains("every step passed"));
    }

    @Test
    public void aDeadPortFailsAtTcp() throws Exception {
        ConnectionCheck check = only(Configs.map("address", "tcp://127.0.0.1:" + Mosquitto.freePort()));
        assertEquals("dns,tcp!", names(check));
        assertTrue(check.steps().get(1).detail(), check.steps().get(1).detail().contains("Connect"));
    }

    @Test
    public void anUnknownHostFailsAtDns() throws Exception {
        ConnectionCheck check = only(Configs.map("address", "mqtt://broker.invalid:1883"));
        assertEquals("dns!", names(check));
    }

    @Test
    public void aWrongPasswordFailsAtConnackAndIsNotShown() throws Exception {
        ConnectionCheck check = only(Configs.map("address", locked().tcpUrl(), "username", "alice", "password", "wrong-pw-123"));
        assertEquals("dns,tcp,connack!", names(check));
        String detail = check.steps().get(2).detail();
        assertTrue(detail, detail.contains("CONNACK return code"));
        assertFalse(check.toString().contains("wrong-pw-123"));
        assertTrue(only(Configs.map("address", locked().tcpUrl(), "username", "alice", "password", "s3cret-pw")).ok());
    }

    @Test
    public void aHostNameMismatchFailsAtTlsAndPassesWithTheCheckOff() throws Exception {
        Map<String, Object> tls = Configs.map("address", "ssl://127.0.0.1:" + BROKERS.get("wrong-host").tlsPort(), "useCaCertificate", true,
                "caCertificate", BROKERS.certificates().caCertificate().toString());
        ConnectionCheck strict = only(tls);
        assertEquals("dns,tcp,tls!", names(strict));
        assertTrue(strict.steps().get(2).detail(), strict.steps().get(2).detail().contains("host name"));

        ConnectionCheck relaxed = only(Configs.with(tls, "disableHostnameVerification", true));
        assertTrue(relaxed.toString(), relaxed.ok());
        assertTrue(relaxed.steps().get(2).detail(), relaxed.steps().get(2).detail().contains("chain verified, host name not checked"));
    }

    @Test
    public void aUnixSocketIsTestedAsASocket() throws Exception {
        ConnectionCheck check = only(Configs.map("address", "unix://" + open().socket()));
        assertTrue(check.toString(), check.ok());
        assertEquals("socket,connack,puback,qos", names(check));
        assertEquals("socket!", names(only(Configs.map("address", "unix:///nonexistent/flow.sock"))));
    }

    @Test
    public void twoDevicesUnderTheSameRootFindEachOtherOut() throws Exception {
        InterfaceEngine first = cleanup.add(Engines.start("one", tmp.newFolder("q1").toPath(),
                Configs.map("address", open().tcpUrl(), "clientId", "device-a"), "same-block"));
        Engines.awaitState(first, ConnectionState.CONNECTED, 15_000);
        InterfaceEngine lone = cleanup.add(Engines.start("lone", tmp.newFolder("q0").toPath(),
                Configs.map("address", open().tcpUrl(), "clientId", "device-c"), "other-block"));
        Engines.awaitState(lone, ConnectionState.CONNECTED, 15_000);

        InterfaceEngine second = cleanup.add(Engines.start("two", tmp.newFolder("q2").toPath(),
                Configs.map("address", open().tcpUrl(), "clientId", "device-b"), "same-block"));
        Engines.awaitStatus(first, "the first to notice the second", s -> s.lastError() != null
                && s.lastError().contains("device ID collision: client device-b"), 15_000);
        Engines.awaitStatus(second, "the second to learn of the first", s -> s.lastError() != null
                && s.lastError().contains("device ID collision: client device-a"), 15_000);
        assertTrue(Engines.logText(first).contains("also publishes under flow/same-block"));
        // both stay connected, and a device under another root is not involved
        assertEquals(ConnectionState.CONNECTED, first.status().state());
        assertEquals(ConnectionState.CONNECTED, second.status().state());
        assertFalse(String.valueOf(lone.status().lastError()).contains("collision"));
    }
}
