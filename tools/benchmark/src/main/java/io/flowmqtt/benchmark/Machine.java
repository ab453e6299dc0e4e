package io.flowmqtt.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The machine a run was made on, as the results page states it: cores, CPU model, memory, load, software. */
public record Machine(int cores, String cpuModel, long memoryBytes, String kernel, String java, String node,
                      String mosquitto) {

    public static Machine read() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                cpuModel(text(Path.of("/proc/cpuinfo"))),
                memTotal(text(Path.of("/proc/meminfo"))),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                firstLine("node", "--version"), mosquittoVersion());
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg has them. */
    public static String loadAverage() {
        String[] parts = text(Path.of("/proc/loadavg")).trim().split("\\s+");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
    }

    static String cpuModel(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }

    static long memTotal(String meminfo) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.substring(9).trim().split("\\s+")[0]) * 1024;
            }
        }
        return 0;
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static String mosquittoVersion() {
        // 'mosquitto -h' prints "mosquitto version 2.0.11" as its first line (and exits non-zero)
        String line = firstLine("mosquitto", "-h");
        return line.startsWith("mosquitto version ") ? line.substring(18) : line;
    }

    static String firstLine(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            int end = out.indexOf('\n');
            return end < 0 ? out : out.substring(0, end);
        } catch (IOException e) {
            return "not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
