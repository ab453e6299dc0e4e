package io.flowmqtt.source.system.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.flowmqtt.api.FlowEvent;
import io.flowmqtt.api.SubscriptionRequest;
import io.flowmqtt.api.spi.SampledSourceContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.Test;

/** Samples this machine for real. */
public class SystemDataSourceTest extends SampledSourceContract<SystemDataSource> {
    @Override
    protected SystemDataSource createSource() {
        return new SystemDataSource();
    }

    @Test
    public void realSampleHasTheDocumentedFields() throws Exception {
        // 1 s interval, so the second sample carries a CPU usage measured over a full window.
        source.subscribe(new SubscriptionRequest("test", Duration.ofSeconds(1)), events::add);
        next();
        FlowEvent event = next();
        JsonObject body = event.body();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/example-system.json"),
                new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(body), StandardCharsets.UTF_8);

        assertEquals(Set.of("host_name", "os", "uptime_s", "cpu", "memory", "swap", "disks", "jvm", "flags"),
                without(body.keySet(), "temperatures"));
        assertFalse(body.get("host_name").getAsString().isBlank());
        JsonObject os = body.getAsJsonObject("os");
        assertFalse(os.get("family").getAsString().isBlank());
        assertFalse(os.get("kernel").getAsString().isBlank());
        assertTrue(body.get("uptime_s").getAsLong() > 0);

        JsonObject cpu = body.getAsJsonObject("cpu");
        int logical = cpu.get("logical_cores").getAsInt();
        assertTrue(logical >= 1);
        assertTrue(cpu.get("physical_cores").getAsInt() >= 1 && cpu.get("physical_cores").getAsInt() <= logical);
        JsonArray load = cpu.getAsJsonArray("load_average");
        assertEquals(3, load.size());
        for (JsonElement value : load) {
            assertTrue(value.getAsDouble() >= 0);
        }
        double usage = cpu.get("usage_percent").getAsDouble();
        assertTrue("usage " + usage, usage >= 0 && usage <= 100);

        JsonObject memory = body.getAsJsonObject("memory");
        long total = memory.get("total").getAsLong();
        assertTrue(total > 0);
        assertTrue(memory.get("free").getAsLong() > 0 && memory.get("free").getAsLong() <= total);
        assertEquals(100.0, memory.get("used_percent").getAsDouble() + memory.get("free_percent").getAsDouble(), 0.11);

        JsonObject swap = body.getAsJsonObject("swap");
        assertTrue(swap.get("total").getAsLong() >= 0);
        assertTrue(swap.get("free").getAsLong() <= swap.get("total").getAsLong());

        JsonArray disks = body.getAsJsonArray("disks");
        assertFalse("at least the root disk", disks.isEmpty());
        for (JsonElement element : disks) {
            JsonObject disk = element.getAsJsonObject();
            assertTrue(disk.get("mount").getAsString().startsWith("/"));
            assertTrue(disk.get("total").getAsLong() > 0);
            assertTrue(disk.get("free").getAsLong() <= disk.get("total").getAsLong());
            double free = disk.get("free_percent").getAsDouble();
            assertTrue(free >= 0 && free <= 100);
        }
        if (body.has("temperatures")) {
            assertTrue(body.getAsJsonObject("temperatures").get("cpu_celsius").getAsDouble() > 0);
        }
        JsonObject jvm = body.getAsJsonObject("jvm");
        assertTrue(jvm.get("heap_used").getAsLong() > 0);
        assertTrue(jvm.get("heap_max").getAsLong() >= jvm.get("heap_used").getAsLong());

        JsonObject flags = body.getAsJsonObject("flags");
        Set<String> levels = Set.of("ok", "warning", "critical");
        assertTrue(levels.contains(flags.get("low_memory").getAsString()));
        assertTrue(levels.contains(flags.get("low_storage").getAsString()));
        assertEquals(0, source.failedSamples());
    }

    private static Set<String> without(Set<String> keys, String optional) {
        Set<String> copy = new java.util.HashSet<>(keys);
        copy.remove(optional);
        return copy;
    }
}
