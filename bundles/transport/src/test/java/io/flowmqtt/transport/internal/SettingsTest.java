package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.flowmqtt.api.TimestampFormat;
import io.flowmqtt.api.status.CertificateInfo;
import io.flowmqtt.testing.mosquitto.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class SettingsTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(600);

    /** No broker: only the certificates and keys, in every format the settings accept. */
    @ClassRule
    public static final TestBrokers BROKERS = new TestBrokers();

    private static TestCertificates certs() {
        return BROKERS.certificates();
    }

    private static InterfaceSettings valid(Object... keyValues) throws InvalidSettingException {
        return InterfaceSettings.from(Configs.of(keyValues), "plant1", "dev1");
    }

    /** Asserts the configuration is refused because of {@code property}; returns the message. */
    private static String invalid(String property, Object... keyValues) {
        return invalidWithBlock(property, "dev1", keyValues);
    }

    private static String invalidWithBlock(String property, String blockName, Object... keyValues) {
        try {
            InterfaceSettings s = InterfaceSettings.from(Configs.of(keyValues), "plant1", blockName);
            fail("accepted: " + s);
        } catch (InvalidSettingException e) {
            assertEquals(e.getMessage(), property, e.property());
            assertTrue(e.getMessage(), e.getMessage().startsWith(property + ": "));
            return e.getMessage();
        }
        return null;
    }

    private static String pem(Path file) throws Exception {
        return Files.readString(file);
    }

    @Test
    public void defaults() throws Exception {
        InterfaceSettings s = valid();
        assertEquals("plant1", s.name());
        assertTrue(s.enabled());
        assertEquals("dev1", s.deviceId());
        assertEquals("flow/dev1", s.connection().topicRoot());
        assertEquals("flow/dev1/status", s.connection().statusTopic());
        assertEquals("flow-dev1-plant1", s.connection().clientId());
        assertEquals(1, s.qos());
        assertEquals("tcp://localhost:1883", s.connection().addresses().get(0).pahoUri());
        assertEquals(QueueLimits.DropPolicy.OLDEST, s.queue().dropPolicy());
        assertEquals(TimestampFormat.EPOCH_MILLIS, s.timestampFormat());
        assertNull("no TLS for a plain address", s.tls());
    }

    @Test
    public void valuesAreTaken() throws Exception {
        InterfaceSettings s = valid("name", " line 2 ", "qos", "2", "topicPrefix", "a/b", "deviceIdType", "custom",
                "customDeviceId", "cam-7", "clientId", "my-client", "dropPolicy", "newest", "timestampFormat", "iso_8601",
                "queueMaxMessages", 5, "queueMaxBytes", 2048L, "address", "tcp://h:1,tcp://h:2");
        assertEquals("line 2", s.name());
        assertEquals(2, s.qos());
        assertEquals("a/b/cam-7", s.connection().topicRoot());
        assertEquals("my-client", s.connection().clientId());
        assertEquals(new QueueLimits(5, 2048, QueueLimits.DropPolicy.NEWEST), s.queue());
        assertEquals(TimestampFormat.ISO_8601, s.timestampFormat());
        assertEquals(2, s.connection().addresses().size());
        assertEquals("cam-7", valid("topicPrefix", "", "deviceIdType", "CUSTOM", "customDeviceId", "cam-7")
                .connection().topicRoot());
    }

    @Test
    public void errorsNameTheProperty() {
        assertTrue(invalid("qos", "qos", 3).contains("was 3"));
        invalid("qos", "qos", -1);
        assertTrue(invalid("customDeviceId", "deviceIdType", "CUSTOM").contains("required"));
        invalid("customDeviceId", "deviceIdType", "CUSTOM", "customDeviceId", "a/b");
        invalid("deviceIdType", "deviceIdType", "SERIAL");
        assertTrue(invalid("topicPrefix", "topicPrefix", "/x").contains("starts with '/'"));
        assertTrue(invalid("topicPrefix", "topicPrefix", "a//b").contains("'//'"));
        assertTrue(invalid("topicPrefix", "topicPrefix", "a/+").contains("wildcard '+'"));
        invalid("topicPrefix", "topicPrefix", "a/#");
        invalid("topicPrefix", "topicPrefix", "x/");
        invalid("topicPrefix", "topicPrefix", "$SYS");
        invalid("deviceIdType", "topicPrefix", "", "deviceIdType", "CUSTOM", "customDeviceId", "$x");
        String block = invalidWithBlock("deviceIdType", "site/cam1");
        assertTrue(block, block.contains("site/cam1") && block.contains("'/'"));
        invalidWithBlock("deviceIdType", "");
        assertTrue(invalid("dropPolicy", "dropPolicy", "RANDOM").contains("OLDEST, NEWEST"));
        invalid("timestampFormat", "timestampFormat", "local");
        invalid("name", "name", "a/b");
        invalid("name", "name", ".hidden");
        invalid("address", "address", "http://h");
        invalid("connectTimeoutSeconds", "connectTimeoutSeconds", 0);
        invalid("maxInflight", "maxInflight", 0);
        invalid("keepAliveSeconds", "keepAliveSeconds", -1);
        invalid("queueMaxBytes", "queueMaxBytes", 100);
        invalid("queueMaxMessages", "queueMaxMessages", 0);
        invalid("reconnectMinMillis", "reconnectMinMillis", 5);
        invalid("reconnectMaxMillis", "reconnectMinMillis", 500, "reconnectMaxMillis", 100);
        invalid("logSize", "logSize", 1);
        invalid("clientId", "clientId", "a\u0000b");
    }

    @Test
    public void tlsDefaultsOnASecureAddress() throws Exception {
        InterfaceSettings s = valid("address", "ssl://127.0.0.1:8883");
        assertNotNull(s.tls());
        assertFalse(s.tls().trustAll());
        assertTrue("host names are checked by default", s.tls().hostnameVerification());
        InterfaceSettings noHost = valid("address", "mqtts://h", "disableHostnameVerification", true);
        assertFalse(noHost.tls().hostnameVerification());
        assertFalse("the chain is still verified", noHost.tls().trustAll());
        InterfaceSettings any = valid("address", "wss://h", "verifyServerCertificate", false);
        assertTrue(any.tls().trustAll());
        assertFalse(any.tls().hostnameVerification());
    }

    @Test
    public void certificateInfosForStatus() throws Exception {
        InterfaceSettings s = valid("address", "ssl://h", "useClientCertificate", true,
                "clientCertificate", certs().clientCertificate().toString(), "clientKey", certs().clientKey().toString(),
                "useCaCertificate", true, "caCertificate", pem(certs().caCertificate()));
        assertEquals(2, s.tls().certificates().size());
        CertificateInfo client = s.tls().certificates().get(0);
        assertEquals("client", client.role());
        assertTrue(client.toString(), client.toString().contains("CN=client"));
        assertTrue(client.notAfter() > System.currentTimeMillis());
        assertEquals("ca", s.tls().certificates().get(1).role());
    }

    @Test
    public void everyKeyFormatIsAccepted() throws Exception {
        Map<String, Object> base = Configs.map("address", "ssl://h", "useClientCertificate", true,
                "clientCertificate", certs().clientCertificate().toString());
        InterfaceSettings.from(Configs.of(Configs.with(base, "clientKey", certs().clientKey().toString())), "a", "d");
        InterfaceSettings.from(Configs.of(Configs.with(base, "clientKey", certs().clientKeyPkcs1().toString())), "a", "d");
        InterfaceSettings.from(Configs.of(Configs.with(base, "clientKey", pem(certs().clientKeyPkcs1())))
                , "a", "d"); // inline
        InterfaceSettings.from(Configs.of(Configs.with(base, "clientKey", certs().clientKeyEncrypted().toString(),
                "clientKeyPassword", "keypass")), "a", "d");
        valid("address", "ssl://h", "useClientCertificate", true, "clientCertificate", certs().clientEcCertificate().toString(),
                "clientKey", certs().clientEcKey().toString());
        valid("address", "ssl://h", "useClientCertificate", true, "clientCertificate", certs().clientPkcs12().toString(),
                "clientKeyPassword", "p12pass");
    }

    @Test
    public void pemProblemsNameTheProperty() throws Exception {
        String missing = invalid("caCertificate", "address", "ssl://h", "useCaCertificate", true,
                "caCertificate", "/nonexistent/ca.pem");
        assertTrue(missing, missing.contains("/nonexistent/ca.pem") && missing.contains("does not exist"));
        invalid("caCertificate", "address", "ssl://h", "useCaCertificate", true, "caCertificate", BROKERS.folder("a-folder").toString());
        invalid("caCertificate", "address", "ssl://h", "useCaCertificate", true, "caCertificate", "");
        String malformed = invalid("caCertificate", "address", "ssl://h", "useCaCertificate", true, "caCertificate",
                "-----BEGIN CERTIFICATE-----\nthis is not base64 !!!\n-----END CERTIFICATE-----\n");
        assertTrue(malformed, malformed.contains("PEM"));
        Path notPem = BROKERS.folder("not-pem").resolve("not-a-cert.pem");
        Files.writeString(notPem, "hello\n");
        assertTrue(invalid("caCertificate", "address", "ssl://h", "useCaCertificate", true, "caCertificate",
                notPem.toString()).contains("no PEM certificate"));
        // a key where the certificate belongs
        invalid("caCertificate", "address", "ssl://h", "useCaCertificate", true, "caCertificate", certs().clientKey().toString());

        invalid("clientCertificate", "address", "ssl://h", "useClientCertificate", true);
        invalid("clientKey", "address", "ssl://h", "useClientCertificate", true,
                "clientCertificate", certs().clientCertificate().toString());
        invalid("clientCertificate", "address", "ssl://h", "useClientCertificate", true,
                "clientCertificate", "/nonexistent/client.crt", "clientKey", certs().clientKey().toString());
        invalid("clientKey", "address", "ssl://h", "useClientCertificate", true,
                "clientCertificate", certs().clientCertificate().toString(),
                "clientKey", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        String mismatch = invalid("clientKey", "address", "ssl://h", "useClientCertificate", true,
                "clientCertificate", certs().clientCertificate().toString(), "clientKey", certs().path("other-client.key").toString());
        assertTrue(mismatch, mismatch.contains("does not belong"));
        invalid("clientKey", "address", "ssl://h", "useClientCertificate", true,
                "clientCertificate", certs().clientCertificate().toString(), "clientKey", certs().clientEcKey().toString());
        String noPassword = invalid("clientKeyPassword", "address", "ssl://h", "useClientCertificate", true,
                "clientCertificate", certs().clientCertificate().toString(), "clientKey", certs().clientKeyEncrypted().toString());
        assertTrue(noPassword, noPassword.contains("encrypted"));
        String wrong = invalid("clientKey", "address", "ssl://h", "useClientCertificate", true,
                "clientCertificate", certs().clientCertificate().toString(), "clientKey", certs().clientKeyEncrypted().toString(),
                "clientKeyPassword", "wrongKeyPass99");
        assertFalse(wrong, wrong.contains("wrongKeyPass99"));
        String p12 = invalid("clientCertificate", "address", "ssl://h", "useClientCertificate", true,
                "clientCertificate", certs().clientPkcs12().toString(), "clientKeyPassword", "wrongP12Pass77");
        assertFalse(p12, p12.contains("wrongP12Pass77"));
    }

    @Test
    public void toStringNeverShowsSecrets() throws Exception {
        String keyText = pem(certs().clientKeyEncrypted());
        InterfaceSettings s = valid("address", "ssl://h", "username", "alice", "password", "TopSecret-42",
                "useClientCertificate", true, "clientCertificate", certs().clientCertificate().toString(),
                "clientKey", keyText, "clientKeyPassword", "keypass");
        String all = s.toString() + s.connection() + s.connection().tls() + s.tls();
        assertTrue(all, all.contains("alice"));
        assertFalse(all, all.contains("TopSecret-42"));
        assertFalse(all, all.contains("keypass"));
        assertFalse(all, all.contains(keyText.substring(40, 80)));
    }
}
