package io.flowmqtt.source.system.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Chooses which file stores are reported as disks: no pseudo or in-memory file systems, no
 * read-only images (always full, they would raise a false low-storage alarm), nothing of size 0,
 * and one entry per volume (bind mounts of the same partition show the same free space; the
 * shortest mount path wins).
 */
final class DiskSelection {
    /** A file store as read from the OS; {@code free} is the space available to unprivileged users. */
    record Disk(String mount, String volume, String type, long total, long free) {
    }

    static final Set<String> SKIPPED_TYPES = Set.of(
            // kernel and in-memory pseudo file systems
            "tmpfs", "devtmpfs", "ramfs", "proc", "procfs", "sysfs", "cgroup", "cgroup2", "devpts", "mqueue",
            "debugfs", "tracefs", "securityfs", "pstore", "bpf", "configfs", "fusectl", "hugetlbfs", "efivarfs",
            "binfmt_misc", "autofs", "nsfs", "rpc_pipefs", "nfsd", "selinuxfs", "rootfs", "devfs", "none",
            // read-only images
            "squashfs", "iso9660", "udf", "erofs");

    private DiskSelection() {
    }

    static boolean isReported(Disk disk) {
        String type = disk.type() == null ? "" : disk.type().toLowerCase(Locale.ROOT);
        return disk.total() > 0 && !SKIPPED_TYPES.contains(type) && disk.mount() != null && !disk.mount().isBlank();
    }

    /** The reported disks, sorted by mount path. */
    static List<Disk> select(Collection<Disk> stores) {
        Map<String, Disk> byVolume = new LinkedHashMap<>();
        for (Disk disk : stores) {
            if (!isReported(disk)) {
                continue;
            }
            String key = disk.volume() == null || disk.volume().isBlank() ? "mount:" + disk.mount() : disk.volume();
            byVolume.merge(key, disk, (a, b) -> b.mount().length() < a.mount().length() ? b : a);
        }
        List<Disk> result = new ArrayList<>(byVolume.values());
        result.sort(Comparator.comparing(Disk::mount));
        return result;
    }
}
