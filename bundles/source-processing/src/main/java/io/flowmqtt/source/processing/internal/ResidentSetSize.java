package io.flowmqtt.source.processing.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import oshi.SystemInfo;
import oshi.software.os.OperatingSystem;

/**
 * This process's resident set size: {@code VmRSS} of {@code /proc/self/status} on Linux, OSHI's
 * process figures elsewhere (created on first use only).
 */
final class ResidentSetSize {
    private final Path procStatus;
    private OperatingSystem os; // touched only by the sampling thread

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
        try {
            if (os == null) {
                os = new SystemInfo().getOperatingSystem();
            }
            long rss = os.getCurrentProcess().getResidentSetSize();
            return rss > 0 ? rss : null;
        } catch (RuntimeException | LinkageError e) {
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
}
