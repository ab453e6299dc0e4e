package io.flowmqtt.source.network.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class DefaultGatewaysTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static final String HEADER =
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT";

    @Test
    public void ipv4DefaultRouteWithTheLowestMetric() {
        List<String> table = List.of(HEADER,
                "eth0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0",
                "wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0",
                "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0");
        assertEquals("192.0.2.1", DefaultGateways.ipv4(table));
    }

    @Test
    public void ipv4WithoutDefaultRoute() {
        assertNull(DefaultGateways.ipv4(List.of(HEADER, "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0")));
        assertNull(DefaultGateways.ipv4(List.of()));
    }

    @Test
    public void ipv6DefaultRouteSkipsTheUnreachableRouteOnLoopback() {
        List<String> table = List.of(
                "fd000000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0",
                "00000000000000000000000000000000 00 00000000000000000000000000000000 00 fd000000000000000000000000000001 00000400 00000002 00000000 00000003     eth0",
                "00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000002 00000800 00000002 00000000 00000003     eth1",
                "00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo");
        assertEquals("fd00::1", DefaultGateways.ipv6(table));
        assertNull(DefaultGateways.ipv6(List.of(table.get(0), table.get(3))));
    }
}
