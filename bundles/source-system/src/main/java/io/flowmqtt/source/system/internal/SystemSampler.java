package io.flowmqtt.source.system.internal;

import io.flowmqtt.api.spi.PartReader;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.VirtualMemory;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;
import oshi.software.os.OperatingSystem.OSVersionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the system through OSHI and builds the body of a {@code system} event. Every section is
 * read on its own: a section or a disk that cannot be read is left out of this sample (and logged
 * once), the rest is still reported.
 */
final class SystemSampler {
    private static final Logger LOG = LoggerFactory.getLogger(SystemSampler.class);
    static final long CPU_MIN_WINDOW_MILLIS = 500;

    private final OperatingSystem os;
    private final HardwareAbstractionLayer hardware;
    private final CpuUsageMeter cpuUsage = new CpuUsageMeter(CPU_MIN_WINDOW_MILLIS);
    private final PartReader parts = new PartReader((part, cause) -> {
        if (cause == null) {
            LOG.info("System diagnostics: {} readable again", part);
        } else {
            LOG.warn("System diagnostics: cannot read {}, leaving it out: {}", part, cause.toString());
        }
    });

    SystemSampler(SystemInfo info) {
        this.os = info.getOperatingSystem();
        this.hardware = info.getHardware();
        parts.read("cpu usage", () -> {
            updateCpuUsage(); // the first sample then already has a window since activation
            return null;
        });
    }

    JsonObject sample() {
        JsonObject body = new JsonObject();
        put(body, "host_name", () -> text(os.getNetworkParams().getHostName()));
        put(body, "os", this::operatingSystem);
        put(body, "uptime_s", () -> new JsonPrimitive(os.getSystemUptime()));
        put(body, "cpu", this::cpu);

        long[] memory = parts.read("memory", () -> {
            GlobalMemory global = hardware.getMemory();
            return new long[] {global.getTotal(), global.getAvailable()};
        });
        ResourceLevel memoryLevel = null;
        if (memory != null) {
            long total = memory[0];
            long free = memory[1];
            JsonObject json = new JsonObject();
            json.addProperty("total", total);
            json.addProperty("free", free);
            json.add("used_percent", percent(total - free, total));
            json.add("free_percent", percent(free, total));
            body.add("memory", json);
            memoryLevel = ResourceLevel.ofFree(free, total);
        }
        put(body, "swap", this::swap);

        List<DiskSelection.Disk> disks = DiskSelection.select(readFileStores());
        JsonArray diskArray = new JsonArray();
        ResourceLevel storageLevel = ResourceLevel.OK;
        for (DiskSelection.Disk disk : disks) {
            JsonObject json = new JsonObject();
            json.addProperty("mount", disk.mount());
            json.addProperty("total", disk.total());
            json.addProperty("free", disk.free());
            json.add("free_percent", percent(disk.free(), disk.total()));
            diskArray.add(json);
            storageLevel = storageLevel.worse(ResourceLevel.ofFree(disk.free(), disk.total()));
        }
        body.add("disks", diskArray);

        Double cpuCelsius = parts.read("temperatures", () -> hardware.getSensors().getCpuTemperature());
        if (cpuCelsius != null && cpuCelsius > 0 && Double.isFinite(cpuCelsius)) {
            JsonObject temperatures = new JsonObject();
            temperatures.add("cpu_celsius", round(cpuCelsius));
            body.add("temperatures", temperatures);
        }
        put(body, "jvm", SystemSampler::jvm);

        JsonObject flags = new JsonObject();
        if (memoryLevel != null) {
            flags.addProperty("low_memory", memoryLevel.wireName());
        }
        flags.addProperty("low_storage", storageLevel.wireName());
        body.add("flags", flags);
        return body;
    }

    private JsonElement operatingSystem() {
        OSVersionInfo version = os.getVersionInfo();
        String codeName = version.getCodeName();
        JsonObject json = new JsonObject();
        json.add("family", text(os.getFamily()));
        json.add("version", text(codeName == null || codeName.isBlank()
                ? version.getVersion() : version.getVersion() + " (" + codeName + ")"));
        json.add("kernel", text(System.getProperty("os.version")));
        return json;
    }

    private JsonElement cpu() {
        CentralProcessor processor = hardware.getProcessor();
        JsonObject json = new JsonObject();
        json.add("model", text(processor.getProcessorIdentifier().getName()));
        json.addProperty("physical_cores", processor.getPhysicalProcessorCount());
        json.addProperty("logical_cores", processor.getLogicalProcessorCount());
        json.add("load_average", guardedElement("load average", () -> {
            double[] load = processor.getSystemLoadAverage(3);
            JsonArray array = new JsonArray();
            for (double value : load) {
                if (value < 0) {
                    return JsonNull.INSTANCE; // not available on this OS
                }
                array.add(roundTo(value, 100));
            }
            return array;
        }));
        Double usage = parts.read("cpu usage", this::updateCpuUsage);
        json.add("usage_percent", usage == null ? JsonNull.INSTANCE : new JsonPrimitive(usage));
        return json;
    }

    private Double updateCpuUsage() {
        long[] ticks = hardware.getProcessor().getSystemCpuLoadTicks();
        long total = 0;
        for (long tick : ticks) {
            total += tick;
        }
        long idle = ticks[TickType.IDLE.getIndex()] + ticks[TickType.IOWAIT.getIndex()];
        return cpuUsage.update(idle, total, System.nanoTime() / 1_000_000);
    }

    private JsonElement swap() {
        VirtualMemory virtualMemory = hardware.getMemory().getVirtualMemory();
        long total = virtualMemory.getSwapTotal();
        long free = Math.max(0, total - virtualMemory.getSwapUsed());
        JsonObject json = new JsonObject();
        json.addProperty("total", total);
        json.addProperty("free", free);
        json.add("used_percent", percent(total - free, total));
        return json;
    }

    private List<DiskSelection.Disk> readFileStores() {
        List<OSFileStore> stores = parts.read("file stores", () -> os.getFileSystem().getFileStores(true));
        return stores == null ? List.of() : toDisks(stores);
    }

    /** Reads each store; one that fails is skipped. */
    List<DiskSelection.Disk> toDisks(List<OSFileStore> stores) {
        List<DiskSelection.Disk> disks = new ArrayList<>();
        for (OSFileStore store : stores) {
            DiskSelection.Disk disk = parts.read("disk " + safeMount(store), () -> new DiskSelection.Disk(store.getMount(),
                    store.getVolume(), store.getType(), store.getTotalSpace(), store.getUsableSpace()));
            if (disk != null) {
                disks.add(disk);
            }
        }
        return disks;
    }

    private static JsonElement jvm() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        JsonObject json = new JsonObject();
        json.addProperty("heap_used", heap.getUsed());
        json.add("heap_max", heap.getMax() < 0 ? JsonNull.INSTANCE : new JsonPrimitive(heap.getMax()));
        return json;
    }

    private void put(JsonObject body, String name, Supplier<JsonElement> section) {
        JsonElement value = parts.read(name, section);
        if (value != null) {
            body.add(name, value);
        }
    }

    private JsonElement guardedElement(String what, Supplier<JsonElement> read) {
        JsonElement value = parts.read(what, read);
        return value == null ? JsonNull.INSTANCE : value;
    }

    private static String safeMount(OSFileStore store) {
        try {
            return store.getMount();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    static JsonElement text(String value) {
        return value == null || value.isBlank() ? JsonNull.INSTANCE : new JsonPrimitive(value.trim());
    }

    /** {@code part} of {@code total} in percent with one decimal, or JSON null when the total is unknown. */
    static JsonElement percent(long part, long total) {
        return total <= 0 ? JsonNull.INSTANCE : round(ResourceLevel.percent(part, total));
    }

    static JsonElement round(double value) {
        return roundTo(value, 10);
    }

    private static JsonElement roundTo(double value, int scale) {
        if (!Double.isFinite(value)) {
            return JsonNull.INSTANCE;
        }
        return new JsonPrimitive(Math.round(value * scale) / (double) scale);
    }
}
