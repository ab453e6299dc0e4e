package io.flowmqtt.source.network.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class Ipv6TextTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void longestZeroRunBecomesDoubleColon() {
        assertEquals("fe80::fc:ff:fe00:1", Ipv6Text.canonical("fe80:0:0:0:fc:ff:fe00:1"));
        assertEquals("::1", Ipv6Text.canonical("0:0:0:0:0:0:0:1"));
        assertEquals("::", Ipv6Text.canonical("0:0:0:0:0:0:0:0"));
        assertEquals("fd00::2", Ipv6Text.canonical("fd00:0:0:0:0:0:0:2"));
    }

    @Test
    public void firstOfTwoEqualRunsAndNoSingleZeroGroup() {
        assertEquals("2001:db8::1:0:0:1", Ipv6Text.canonical("2001:db8:0:0:1:0:0:1"));
        assertEquals("2001:db8:0:1:1:1:1:1", Ipv6Text.canonical("2001:db8:0:1:1:1:1:1"));
    }

    @Test
    public void lowerCaseWithoutScopeAndCompressedTextUnchanged() {
        assertEquals("fe80::1", Ipv6Text.canonical("FE80:0:0:0:0:0:0:1%eth0"));
        assertEquals("fe80::1", Ipv6Text.canonical("fe80::1"));
    }
}
