package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.status.CertificateInfo;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.testing.mosquitto.Mosquitto;
import io.flowmqtt.testing.mosquitto.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/** TLS against real Mosquitto listeners: mutual TLS in every key format, and every way trust can fail. */
public class TlsTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(600);

    /**
     * mutual: TLS and secure websockets, both requiring a client certificate signed by the CA; wrong-host: a
     * certificate for broker.invalid, signed by the CA; self-signed: a self-signed certificate.
     */
    @ClassRule
    public static final TestBrokers BROKERS = new TestBrokers()
            .with("mutual", (m, b) -> m.tcp().tls(b.certificates(), "server", true).secureWebsockets(b.certificates(), true))
            .with("wrong-host", (m, b) -> m.tcp().tls(b.certificates(), "wrong-host", false))
            .with("self-signed", (m, b) -> m.tcp().tls(b.certificates(), "self-signed", false));

    private static Mosquitto mutual() {
        return BROKERS.get("mutual");
    }

    private static Mosquitto wrongHost() {
        return BROKERS.get("wrong-host");
    }

    private static Mosquitto selfSigned() {
        return BROKERS.get("self-signed");
    }

    private static TestCertificates certs() {
        return BROKERS.certificates();
    }

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();
    @Rule
    public final Cleanup cleanup = new Cleanup();

    private Path queues() {
        return tmp.getRoot().toPath();
    }

    private static Map<String, Object> trustCa() {
        return Configs.map("useCaCertificate", true, "caCertificate", certs().caCertificate().toString());
    }

    private static Map<String, Object> clientPem(Path cert, Path key) {
        return Configs.with(trustCa(), "useClientCertificate", true, "clientCertificate", cert.toString(),
                "clientKey", key.toString());
    }

    private String ssl(Mosquitto broker) {
        return "ssl://127.0.0.1:" + broker.tlsPort();
    }

    @Test
    public void mutualTlsWithPemChainAndPkcs8Key() throws Exception {
        RoundTrip.run(mutual(), queues(), "tls-pkcs8", ssl(mutual()),
                clientPem(certs().clientCertificate(), certs().clientKey()), null, null);
    }

    @Test
    public void mutualTlsWithPkcs1KeyAndMqttsScheme() throws Exception {
        RoundTrip.run(mutual(), queues(), "tls-pkcs1", "mqtts://127.0.0.1:" + mutual().tlsPort(),
                clientPem(certs().clientCertificate(), certs().clientKeyPkcs1()), null, null);
    }

    @Test
    public void mutualTlsWithEncryptedKeyAndInlinePem() throws Exception {
        Map<String, Object> config = Configs.with(trustCa(), "caCertificate", Files.readString(certs().caCertificate()),
                "useClientCertificate", true, "clientCertificate", Files.readString(certs().clientCertificate()),
                "clientKey", Files.readString(certs().clientKeyEncrypted()), "clientKeyPassword", "keypass");
        RoundTrip.run(mutual(), queues(), "tls-encrypted", ssl(mutual()), config, null, null);
    }

    @Test
    public void mutualTlsWithEcKey() throws Exception {
        RoundTrip.run(mutual(), queues(), "tls-ec", ssl(mutual()),
                clientPem(certs().clientEcCertificate(), certs().clientEcKey()), null, null);
    }

    @Test
    public void mutualTlsWithPkcs12() throws Exception {
        RoundTrip.run(mutual(), queues(), "tls-p12", ssl(mutual()), Configs.with(trustCa(), "useClientCertificate", true,
                "clientCertificate", certs().clientPkcs12().toString(), "clientKeyPassword", "p12pass"), null, null);
    }

    @Test
    public void secureWebsocketsWithMutualTls() throws Exception {
        RoundTrip.run(mutual(), queues(), "wss-dev", "wss://127.0.0.1:" + mutual().wssPort(),
                clientPem(certs().clientCertificate(), certs().clientKey()), null, null);
    }

    @Test
    public void statusListsTheCertificates() throws Exception {
        InterfaceEngine engine = cleanup.add(Engines.start("certs", queues(), Configs.with(
                clientPem(certs().clientCertificate(), certs().clientKey()), "address", ssl(mutual())), "certs-dev"));
        InterfaceStatus s = Engines.awaitState(engine, ConnectionState.CONNECTED, RoundTrip.WAIT);
        assertEquals(2, s.certificates().size());
        CertificateInfo client = s.certificates().get(0);
        assertEquals("client", client.role());
        assertTrue(client.notAfter() > System.currentTimeMillis());
    }

    /** Waits until the engine has failed to connect at least twice and returns the status. */
    private static InterfaceStatus awaitRefusal(InterfaceEngine engine, String expected) throws InterruptedException {
        InterfaceStatus s = Engines.awaitStatus(engine, "a connect failure mentioning '" + expected + "'",
                st -> st.lastError() != null && st.lastError().contains(expected) && st.counters().reconnects() >= 1,
                RoundTrip.WAIT);
        assertEquals("never connected: " + Engines.logText(engine), 0, engine.status().counters().connects());
        assertNotEquals(ConnectionState.CONNECTED, engine.status().state());
        return s;
    }

    @Test
    public void wrongCaIsNotTrusted() throws Exception {
        InterfaceEngine engine = cleanup.add(Engines.start("wrong-ca", queues(), Configs.with(
                clientPem(certs().clientCertificate(), certs().clientKey()),
                "caCertificate", certs().otherCaCertificate().toString(), "address", ssl(mutual())), "wrong-ca-dev"));
        awaitRefusal(engine, "not trusted");
        // between attempts the detail says why the last one failed
        Engines.awaitStatus(engine, "DISCONNECTED with the reason", st -> st.state() == ConnectionState.DISCONNECTED
                && st.detail().contains("not trusted") && st.detail().contains("next attempt in"), RoundTrip.WAIT);
    }

    @Test
    public void hostNameMismatchFails() throws Exception {
        InterfaceEngine engine = cleanup.add(Engines.start("wrong-host", queues(), Configs.with(trustCa(),
                "address", ssl(wrongHost())), "wrong-host-dev"));
        awaitRefusal(engine, "does not match the host name");
    }

    @Test
    public void hostNameMismatchConnectsWithHostnameVerificationDisabled() throws Exception {
        RoundTrip.run(wrongHost(), queues(), "no-hostcheck", ssl(wrongHost()),
                Configs.with(trustCa(), "disableHostnameVerification", true), null, null);
    }

    @Test
    public void disabledHostnameVerificationStillRequiresTheCa() throws Exception {
        InterfaceEngine engine = cleanup.add(Engines.start("no-hostcheck-wrong-ca", queues(), Configs.map(
                "useCaCertificate", true, "caCertificate", certs().otherCaCertificate().toString(),
                "disableHostnameVerification", true, "address", ssl(wrongHost())), "nhc-dev"));
        awaitRefusal(engine, "not trusted");
        InterfaceEngine jvmTrust = cleanup.add(Engines.start("no-hostcheck-jvm", queues(), Configs.map(
                "disableHostnameVerification", true, "address", ssl(wrongHost())), "nhc2-dev"));
        awaitRefusal(jvmTrust, "not trusted");
    }

    @Test
    public void selfSignedServerIsNotTrusted() throws Exception {
        InterfaceEngine pinned = cleanup.add(Engines.start("self-pinned", queues(), Configs.with(trustCa(),
                "address", ssl(selfSigned())), "self-pinned"));
        awaitRefusal(pinned, "not trusted");
        InterfaceEngine jvmTrust = cleanup.add(Engines.start("self-jvm", queues(), Configs.map(
                "address", ssl(selfSigned())), "self-jvm"));
        awaitRefusal(jvmTrust, "not trusted");
    }

    @Test
    public void selfSignedServerConnectsWithoutVerificationAndTheLogSaysSo() throws Exception {
        RoundTrip.run(selfSigned(), queues(), "no-verify", ssl(selfSigned()),
                Configs.map("verifyServerCertificate", false), null, null);
        InterfaceEngine engine = cleanup.add(Engines.start("no-verify2", queues(), Configs.map(
                "verifyServerCertificate", false, "address", ssl(selfSigned())), "no-verify2"));
        Engines.awaitState(engine, ConnectionState.CONNECTED, RoundTrip.WAIT);
        String log = Engines.logText(engine);
        assertTrue(log, log.contains("the broker's certificate is not checked"));
    }

    @Test
    public void clientWithoutCertificateIsRejected() throws Exception {
        InterfaceEngine engine = cleanup.add(Engines.start("no-client-cert", queues(), Configs.with(trustCa(),
                "address", ssl(mutual())), "no-client-cert"));
        InterfaceStatus s = Engines.awaitStatus(engine, "two failed attempts",
                st -> st.lastError() != null && st.counters().reconnects() >= 2, RoundTrip.WAIT);
        assertEquals(0, s.counters().connects());
        assertNotEquals(ConnectionState.CONNECTED, engine.status().state());
        assertTrue(s.lastError(), s.lastError().contains("the broker rejected the client certificate"));
    }

    @Test
    public void clientCertificateOfAnotherCaIsRejected() throws Exception {
        InterfaceEngine engine = cleanup.add(Engines.start("other-client", queues(), Configs.with(
                clientPem(certs().path("other-client.crt"), certs().path("other-client.key")), "address", ssl(mutual())),
                "other-client"));
        InterfaceStatus s = Engines.awaitStatus(engine, "two failed attempts",
                st -> st.lastError() != null && st.counters().reconnects() >= 2, RoundTrip.WAIT);
        assertEquals(0, s.counters().connects());
        assertTrue(s.lastError(), s.lastError().contains("the broker rejected the client certificate"));
    }
}
