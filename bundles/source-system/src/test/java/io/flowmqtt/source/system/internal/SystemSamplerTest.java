package io.flowmqtt.source.system.internal;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;
import oshi.SystemInfo;
import oshi.software.os.OSFileStore;

public class SystemSamplerTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void aDiskThatFailsIsSkippedAndTheOthersAreReported() {
        SystemSampler sampler = new SystemSampler(new SystemInfo());
        List<DiskSelection.Disk> disks = sampler.toDisks(List.of(
                store(Map.of("getMount", "/", "getVolume", "/dev/sda1", "getType", "ext4", "getTotalSpace", 100L,
                        "getUsableSpace", 40L)),
                store(Map.of("getMount", "/mnt/nfs", "getVolume", "server:/export", "getType", "nfs4")), // stale: throws
                store(Map.of("getMount", "/data", "getVolume", "/dev/sdb1", "getType", "xfs", "getTotalSpace", 200L,
                        "getUsableSpace", 10L))));
        assertEquals(List.of(new DiskSelection.Disk("/", "/dev/sda1", "ext4", 100, 40),
                new DiskSelection.Disk("/data", "/dev/sdb1", "xfs", 200, 10)), disks);
    }

    /** A file store answering from {@code values}; any other call fails as a stale mount would. */
    private static OSFileStore store(Map<String, Object> values) {
        return (OSFileStore) Proxy.newProxyInstance(OSFileStore.class.getClassLoader(), new Class<?>[] {OSFileStore.class},
                (proxy, method, args) -> {
                    Object value = values.get(method.getName());
                    if (value == null) {
                        throw new IllegalStateException("statvfs failed: Stale file handle");
                    }
                    return value;
                });
    }
}
