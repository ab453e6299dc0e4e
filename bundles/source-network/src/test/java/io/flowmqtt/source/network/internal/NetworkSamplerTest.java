package io.flowmqtt.source.network.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;
import oshi.SystemInfo;
import oshi.hardware.NetworkIF.IfOperStatus;
import oshi.hardware.NetworkIF;

public class NetworkSamplerTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private final NetworkSampler sampler = new NetworkSampler(new SystemInfo(), Path.of("/nonexistent"));

    @Test
    public void anInterfaceThatFailsIsSkippedAndTheOthersAreReportedSortedByName() {
        JsonArray interfaces = sampler.interfaces(List.of(
                nif("wlan0", IfOperStatus.DOWN, 0),
                nif("usb0", null, 0), // unplugged mid-read: every counter read throws
                nif("eth0", IfOperStatus.UP, 1_000_000_000L)));
        assertEquals(2, interfaces.size());
        JsonObject eth0 = interfaces.get(0).getAsJsonObject();
        assertEquals("eth0", eth0.get("name").getAsString());
        assertTrue(eth0.get("up").getAsBoolean());
        assertEquals(1_000_000_000L, eth0.get("speed_bps").getAsLong());
        assertEquals("fe80::1", eth0.getAsJsonArray("ipv6").get(0).getAsString());
        assertEquals(1234, eth0.get("bytes_in").getAsLong());
        JsonObject wlan0 = interfaces.get(1).getAsJsonObject();
        assertEquals("wlan0", wlan0.get("name").getAsString());
        assertTrue("no speed reported", wlan0.get("speed_bps").isJsonNull());
        assertEquals(false, wlan0.get("up").getAsBoolean());
    }

    private static NetworkIF nif(String name, IfOperStatus status, long speed) {
        Map<String, Object> values = new HashMap<>();
        values.put("getName", name);
        if (status != null) {
            values.putAll(Map.of("getMacaddr", "02:00:00:00:00:01", "getIPv4addr", new String[] {"10.0.0.2"},
                    "getIPv6addr", new String[] {"fe80:0:0:0:0:0:0:1"}, "getIfOperStatus", status, "getSpeed", speed,
                    "getBytesRecv", 1234L, "getBytesSent", 99L, "getPacketsRecv", 12L, "getPacketsSent", 3L));
            values.putAll(Map.of("getInErrors", 0L, "getOutErrors", 0L, "getInDrops", 0L));
        }
        return (NetworkIF) Proxy.newProxyInstance(NetworkIF.class.getClassLoader(), new Class<?>[] {NetworkIF.class},
                (proxy, method, args) -> {
                    Object value = values.get(method.getName());
                    if (value == null) {
                        throw new IllegalStateException("No such device: " + name);
                    }
                    return value;
                });
    }
}
