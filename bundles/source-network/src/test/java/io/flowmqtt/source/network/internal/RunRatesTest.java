package io.flowmqtt.source.network.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class RunRatesTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void firstSampleHasNullRatesThenRatesAgainstThePreviousSample() {
        RunRates run = new RunRates();
        JsonObject first = run.apply(body(nif("eth0", 1_000, 500, 10, 5), nif("lo", 0, 0, 0, 0)), 100_000);
        for (String field : new String[] {"bytes_in_per_s", "bytes_out_per_s", "packets_in_per_s", "packets_out_per_s"}) {
            assertTrue(field, iface(first, 0).get(field).isJsonNull());
            assertTrue(field, iface(first, 1).get(field).isJsonNull());
        }

        JsonObject second = run.apply(body(nif("eth0", 11_000, 1_500, 30, 15), nif("lo", 100, 100, 1, 1)), 110_000);
        assertEquals(1_000.0, iface(second, 0).get("bytes_in_per_s").getAsDouble(), 0.0);
        assertEquals(100.0, iface(second, 0).get("bytes_out_per_s").getAsDouble(), 0.0);
        assertEquals(2.0, iface(second, 0).get("packets_in_per_s").getAsDouble(), 0.0);
        assertEquals(1.0, iface(second, 0).get("packets_out_per_s").getAsDouble(), 0.0);
        assertEquals(10.0, iface(second, 1).get("bytes_in_per_s").getAsDouble(), 0.0);
    }

    @Test
    public void anInterfaceThatAppearsMidRunStartsWithNullRates() {
        RunRates run = new RunRates();
        run.apply(body(nif("eth0", 0, 0, 0, 0)), 0);
        JsonObject next = run.apply(body(nif("eth0", 1_000, 0, 0, 0), nif("wlan0", 5_000, 0, 0, 0)), 1_000);
        assertEquals(1_000.0, iface(next, 0).get("bytes_in_per_s").getAsDouble(), 0.0);
        assertTrue(iface(next, 1).get("bytes_in_per_s").isJsonNull());
    }

    @Test
    public void anInterfaceThatWasMissingInTheLastSampleStartsOver() {
        RunRates run = new RunRates();
        run.apply(body(nif("usb0", 0, 0, 0, 0)), 0);
        run.apply(body(), 1_000);
        JsonObject back = run.apply(body(nif("usb0", 9_000, 0, 0, 0)), 2_000);
        assertTrue(iface(back, 0).get("bytes_in_per_s").isJsonNull());
    }

    @Test
    public void runsDoNotShareState() {
        RunRates a = new RunRates();
        RunRates b = new RunRates();
        a.apply(body(nif("eth0", 0, 0, 0, 0)), 0);
        JsonObject bFirst = b.apply(body(nif("eth0", 1_000, 0, 0, 0)), 1_000);
        assertTrue(iface(bFirst, 0).get("bytes_in_per_s").isJsonNull());
    }

    private static JsonObject iface(JsonObject body, int index) {
        return body.getAsJsonArray("interfaces").get(index).getAsJsonObject();
    }

    private static JsonObject body(JsonObject... nifs) {
        JsonArray array = new JsonArray();
        for (JsonObject nif : nifs) {
            array.add(nif);
        }
        JsonObject body = new JsonObject();
        body.add("interfaces", array);
        return body;
    }

    private static JsonObject nif(String name, long bytesIn, long bytesOut, long packetsIn, long packetsOut) {
        JsonObject nif = new JsonObject();
        nif.addProperty("name", name);
        nif.addProperty("bytes_in", bytesIn);
        nif.addProperty("bytes_out", bytesOut);
        nif.addProperty("packets_in", packetsIn);
        nif.addProperty("packets_out", packetsOut);
        return nif;
    }
}
