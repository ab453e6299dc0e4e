package io.flowmqtt.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux says about one process: resident memory (VmRSS of /proc/PID/status) and CPU time used (utime +
 * stime of /proc/PID/stat, in clock ticks). Read from /proc rather than asked of the process, so the JVM and
 * Node.js are measured alike, from outside.
 */
public final class ProcStats {
    /** USER_HZ: 100 on every Linux that Java and Node run on (the kernel's ABI fixes it for /proc). */
    static final int TICKS_PER_SECOND = 100;

    private ProcStats() {
    }

    /** Resident set size of {@code pid} in bytes. */
    public static long rssBytes(long pid) throws IOException {
        return vmRss(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
    }

    /** CPU time (user + system) of {@code pid} so far, in seconds. */
    public static double cpuSeconds(long pid) throws IOException {
        return cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) / (double) TICKS_PER_SECOND;
    }

    /** The {@code VmRSS:} line of a /proc/PID/status text, in bytes. */
    static long vmRss(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB")) {
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        }
        throw new IllegalArgumentException("no 'VmRSS: N kB' line in the process status");
    }

    /**
     * utime + stime (fields 14 and 15) of a /proc/PID/stat line. The command name (field 2) is in parentheses and
     * may hold spaces and parentheses itself, so the fields are counted from the last ')'.
     */
    static long cpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: no ')'");
        }
        String[] rest = stat.substring(close + 1).trim().split("\\s+");
        // rest[0] is field 3 (state), so field n is rest[n - 3]
        if (rest.length < 13) {
            throw new IllegalArgumentException("a /proc/PID/stat line with " + (rest.length + 2) + " fields");
        }
        return Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
    }
}
