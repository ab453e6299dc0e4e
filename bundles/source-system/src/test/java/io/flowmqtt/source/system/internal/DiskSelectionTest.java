package io.flowmqtt.source.system.internal;

import static org.junit.Assert.assertEquals;

import io.flowmqtt.source.system.internal.DiskSelection.Disk;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class DiskSelectionTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void pseudoReadOnlyImagesAndEmptyStoresAreSkipped() {
        List<Disk> stores = List.of(
                new Disk("/", "/dev/vda", "ext4", 270_000_000_000L, 85_000_000_000L),
                new Disk("/dev/shm", "tmpfs", "tmpfs", 12_000_000_000L, 12_000_000_000L),
                new Disk("/snap/core/1", "/dev/loop0", "squashfs", 100_000_000L, 0),
                new Disk("/media/cdrom", "/dev/sr0", "iso9660", 700_000_000L, 0),
                new Disk("/mnt/empty", "/dev/vdb", "ext4", 0, 0),
                new Disk("/data", "/dev/nvme0n1p1", "XFS", 1_000_000_000_000L, 10_000_000_000L));
        assertEquals(List.of("/", "/data"), mounts(DiskSelection.select(stores)));
    }

    @Test
    public void bindMountsOfOneVolumeAreReportedOnceUnderTheShortestMount() {
        List<Disk> stores = List.of(
                new Disk("/etc/hostname", "/dev/sda1", "ext4", 100, 50),
                new Disk("/etc/hosts", "/dev/sda1", "ext4", 100, 50),
                new Disk("/var/lib/flow", "/dev/sda1", "ext4", 100, 50),
                new Disk("/boot", "/dev/sda2", "vfat", 10, 5),
                new Disk("/a", "", "ext4", 10, 5),
                new Disk("/b", "", "ext4", 10, 5));
        assertEquals(List.of("/a", "/b", "/boot", "/etc/hosts"), mounts(DiskSelection.select(stores)));
    }

    private static List<String> mounts(List<Disk> disks) {
        return disks.stream().map(Disk::mount).collect(Collectors.toList());
    }
}
