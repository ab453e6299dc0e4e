package io.flowmqtt.source.processing.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import oshi.SystemInfo;
import oshi.software.os.OperatingSystem;

/**
 * This process's resident set size: {@code VmRSS} of {@code /proc/self/status} on Linux, OSHI's
 * process figures elsewhere. OSHI is an optional import: it is touched only in {@link Oshi}, which
 * is loaded on first use, so the bundle works without it where {@code /proc} exists.
 */
final class ResidentSetSize {
    private final Path procStatus;
    private boolean oshiMissing; // touched only by the sampling thread

    ResidentSetSize(Path procStatus) {
        this.procStatus = procStatus;
    }

    /** Bytes, or {@code null} when neither way works. */
    Long read() {
        if (Files.isReadable(procStatus)) {
            try {
                return fromProcStatus(Files.readAllLines(procStatus));
            } catch (IOException e) {
                return null;
            }
        }
        if (oshiMissing) {
            return null;
        }
        try {
            return Oshi.residentSetSize();
        } catch (LinkageError e) {
            oshiMissing = true; // OSHI or JNA not installed
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code VmRSS} in bytes from the lines of a {@code /proc/<pid>/status} file, or {@code null}. */
    static Long fromProcStatus(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                try {
                    long value = Long.parseLong(parts[0]);
                    return parts.length > 1 && "kB".equalsIgnoreCase(parts[1]) ? value * 1024 : value;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The only place that uses OSHI. */
    private static final class Oshi {
        private static final OperatingSystem OS = new SystemInfo().getOperatingSystem();

        static Long residentSetSize() {
            long rss = OS.getCurrentProcess().getResidentSetSize();
            return rss > 0 ? rss : null;
        }
    }
}
