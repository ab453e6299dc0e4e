package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class BrokerAddressTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);


    private static BrokerAddress parse(String text) throws InvalidSettingException {
        List<BrokerAddress> list = BrokerAddress.parseList(text);
        assertEquals(1, list.size());
        return list.get(0);
    }

    private static InvalidSettingException invalid(String text) {
        try {
            BrokerAddress.parseList(text);
        } catch (InvalidSettingException e) {
            assertEquals("address", e.property());
            assertTrue(e.getMessage(), e.getMessage().startsWith("address: "));
            return e;
        }
        fail("accepted " + text);
        return null;
    }

    @Test
    public void everySchemeMapsToPahoWithItsDefaultPort() throws Exception {
        assertAddress(parse("mqtt://broker.example"), "mqtt", "broker.example", 1883, "", "tcp://broker.example:1883", false);
        assertAddress(parse("tcp://broker.example"), "tcp", "broker.example", 1883, "", "tcp://broker.example:1883", false);
        assertAddress(parse("mqtts://broker.example"), "mqtts", "broker.example", 8883, "", "ssl://broker.example:8883", true);
        assertAddress(parse("ssl://broker.example"), "ssl", "broker.example", 8883, "", "ssl://broker.example:8883", true);
        assertAddress(parse("ws://broker.example"), "ws", "broker.example", 80, "/mqtt", "ws://broker.example:80/mqtt", false);
        assertAddress(parse("wss://broker.example"), "wss", "broker.example", 443, "/mqtt", "wss://broker.example:443/mqtt", true);
    }

    @Test
    public void explicitPortsAndPaths() throws Exception {
        assertAddress(parse("mqtt://10.0.0.1:11883"), "mqtt", "10.0.0.1", 11883, "", "tcp://10.0.0.1:11883", false);
        assertAddress(parse("ws://h:8080/custom/path"), "ws", "h", 8080, "/custom/path", "ws://h:8080/custom/path", false);
        assertAddress(parse("wss://h:8443/"), "wss", "h", 8443, "/", "wss://h:8443/", true);
        // a trailing slash on a non-websocket address is harmless
        assertEquals("tcp://h:1883", parse("mqtt://h:1883/").pahoUri());
        // upper case scheme and surrounding blanks
        assertEquals("ssl://h:8883", parse("  MQTTS://h ").pahoUri());
    }

    @Test
    public void unixSocket() throws Exception {
        BrokerAddress unix = parse("unix:///run/mosquitto/mqtt.sock");
        assertTrue(unix.isUnix());
        assertFalse(unix.isSecure());
        assertEquals("/run/mosquitto/mqtt.sock", unix.path());
        assertEquals("unix:///run/mosquitto/mqtt.sock", unix.display());
        assertEquals("tcp://localhost:1", unix.pahoUri());
        assertTrue(invalid("unix:relative.sock").getMessage().contains("absolute socket path"));
    }

    @Test
    public void ipv6Literal() throws Exception {
        BrokerAddress a = parse("mqtt://[::1]:1884");
        assertEquals("::1", a.host());
        assertEquals(1884, a.port());
        assertEquals("tcp://[::1]:1884", a.pahoUri());
        assertEquals("mqtt://[::1]:1884", a.display());
        assertEquals("wss://[fe80::1]:443/mqtt", parse("wss://[fe80::1]").pahoUri());
    }

    @Test
    public void badPorts() {
        assertTrue(invalid("mqtt://h:70000").getMessage().contains("out of range"));
        assertTrue(invalid("mqtt://h:0").getMessage().contains("out of range"));
        assertTrue(invalid("mqtt://h:abc").getMessage().contains("malformed port"));
        assertTrue(invalid("mqtt://h:-1").getMessage().contains("malformed port"));
    }

    @Test
    public void unknownOrMissingScheme() {
        String m = invalid("http://h:80").getMessage();
        assertTrue(m, m.contains("unknown scheme 'http'"));
        assertTrue(m, m.contains("mqtt, tcp, ws, unix, wss, mqtts or ssl"));
        assertTrue(invalid("h:1883").getMessage().contains("unknown scheme 'h'"));
        assertTrue(invalid("//h:1883").getMessage().contains("no scheme"));
        assertTrue(invalid("mqtt://h/path").getMessage().contains("only ws and wss"));
        assertTrue(invalid("").getMessage().contains("is empty"));
        assertTrue(invalid("   ").getMessage().contains("is empty"));
    }

    @Test
    public void credentialsAreRejectedWithoutEchoingThePassword() {
        for (String text : new String[] {
                "mqtt://alice:s3cretPW@h:1883",
                "mqtt://alice:s3cretPW@h",
                "foo://alice:s3cretPW@h",
                "ws://alice:s3cretPW@h/mqtt",
                "mqtt://alice:s3cretPW@h:notaport",
                "mqtt://alice:s3cret PW@h",
                // an '@' inside the password: java.net.URI then sees no user info at all
                "mqtt://alice:s3c@retPW@h:1883",
                "mqtt://alice:s3c@ret PW@h:1883",
        }) {
            InvalidSettingException e = invalid(text);
            assertFalse(text + " -> " + e.getMessage(), e.getMessage().contains("s3c"));
            assertFalse(text + " -> " + e.getMessage(), e.getMessage().contains("retPW"));
            assertFalse(text + " -> " + e.getMessage(), e.getMessage().contains("ret PW"));
        }
        assertTrue(invalid("mqtt://alice:s3cretPW@h:1883").getMessage().contains("must not contain credentials"));
        assertTrue(invalid("mqtt://alice:s3c@retPW@h:1883").getMessage().contains("must not contain credentials"));
    }

    @Test
    public void commaSeparatedList() throws Exception {
        List<BrokerAddress> list = BrokerAddress.parseList("tcp://a:1, mqtts://b ,unix:///tmp/x.sock,ws://[::1]:9001");
        assertEquals(4, list.size());
        assertEquals("tcp://a:1", list.get(0).pahoUri());
        assertEquals("ssl://b:8883", list.get(1).pahoUri());
        assertTrue(list.get(2).isUnix());
        assertEquals("ws://[::1]:9001/mqtt", list.get(3).pahoUri());
        assertTrue(invalid("tcp://a:1,,tcp://b:2").getMessage().contains("empty entry"));
        assertTrue(invalid("tcp://a:1, ,tcp://b:2").getMessage().contains("empty entry"));
        assertTrue(invalid("tcp://a:1,http://b").getMessage().contains("unknown scheme"));
        assertTrue(invalid("tcp://a:1,").getMessage().contains("empty entry"));
    }

    private static void assertAddress(BrokerAddress a, String scheme, String host, int port, String path, String paho,
                                      boolean secure) {
        assertEquals(scheme, a.scheme());
        assertEquals(host, a.host());
        assertEquals(port, a.port());
        assertEquals(path, a.path());
        assertEquals(paho, a.pahoUri());
        assertEquals(secure, a.isSecure());
        assertFalse(a.isUnix());
    }
}
