package io.flowmqtt.source.network.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.flowmqtt.api.SubscriptionRequest;
import io.flowmqtt.api.spi.SampledSourceContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.Test;
import oshi.hardware.NetworkIF.IfOperStatus;

/** Samples this machine for real. */
public class NetworkDataSourceTest extends SampledSourceContract<NetworkDataSource> {
    @Override
    protected NetworkDataSource createSource() {
        return new NetworkDataSource();
    }

    private static final List<String> INTERFACE_FIELDS = List.of("name", "mac", "ipv4", "ipv6", "up", "speed_bps",
            "bytes_in", "bytes_out", "packets_in", "packets_out", "bytes_in_per_s", "bytes_out_per_s",
            "packets_in_per_s", "packets_out_per_s", "errors_in", "errors_out", "drops_in");

    @Test
    public void realSampleHasTheDocumentedFieldsAndRatesFromTheSecondSampleOn() throws Exception {
        source.subscribe(new SubscriptionRequest("test", Duration.ofMillis(500)), events::add);
        JsonObject first = next().body();
        JsonObject second = next().body();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/example-network.json"),
                new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(second), StandardCharsets.UTF_8);

        assertEquals(List.of("host_name", "default_gateway_ipv4", "default_gateway_ipv6", "dns_servers", "interfaces"),
                new ArrayList<>(second.keySet()));
        assertFalse(second.get("host_name").getAsString().isBlank());
        assertTrue(second.get("dns_servers").isJsonArray());

        JsonObject lo = find(first, "lo");
        assertNotNull("an interface named lo", lo);
        assertEquals(INTERFACE_FIELDS, new ArrayList<>(lo.keySet()));
        assertTrue("lo is up", lo.get("up").getAsBoolean());
        assertTrue(lo.getAsJsonArray("ipv4").contains(new com.google.gson.JsonPrimitive("127.0.0.1")));
        assertTrue("no rate on the first sample", lo.get("bytes_in_per_s").isJsonNull());

        for (JsonElement element : second.getAsJsonArray("interfaces")) {
            JsonObject nif = element.getAsJsonObject();
            assertEquals(INTERFACE_FIELDS, new ArrayList<>(nif.keySet()));
            for (String counter : Set.of("bytes_in", "bytes_out", "packets_in", "packets_out", "errors_in", "errors_out", "drops_in")) {
                assertTrue(counter, nif.get(counter).getAsLong() >= 0);
            }
            for (String rate : Set.of("bytes_in_per_s", "bytes_out_per_s", "packets_in_per_s", "packets_out_per_s")) {
                assertTrue(nif.get("name") + " " + rate, nif.get(rate).getAsDouble() >= 0);
            }
        }
        assertEquals(0, source.failedSamples());
    }

    @Test
    public void upFromOperationalStateOrFlagsWhenTheStateIsUnknown() {
        assertTrue(NetworkSampler.isUp(IfOperStatus.UP, () -> false));
        assertFalse(NetworkSampler.isUp(IfOperStatus.DOWN, () -> true));
        assertFalse(NetworkSampler.isUp(IfOperStatus.LOWER_LAYER_DOWN, () -> true));
        assertTrue("loopback on Linux", NetworkSampler.isUp(IfOperStatus.UNKNOWN, () -> true));
        assertFalse(NetworkSampler.isUp(IfOperStatus.UNKNOWN, () -> false));
    }

    private static JsonObject find(JsonObject body, String name) {
        for (JsonElement element : body.getAsJsonArray("interfaces")) {
            if (name.equals(element.getAsJsonObject().get("name").getAsString())) {
                return element.getAsJsonObject();
            }
        }
        return null;
    }
}
