package io.flowmqtt.testing.mosquitto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the processes whose environment carries a marker variable: those of a broker that were reparented
 * when their parent died still carry it. Reads {@code /proc}; empty where there is none.
 */
final class MarkedProcesses {
    private MarkedProcesses() {
    }

    /** The live processes with {@code variable=value} in their environment. */
    static List<ProcessHandle> find(String variable, String value) {
        List<ProcessHandle> found = new ArrayList<>();
        byte[] marker = ("\0" + variable + "=" + value + "\0").getBytes(StandardCharsets.UTF_8);
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : proc) {
                try {
                    byte[] env = Files.readAllBytes(p.resolve("environ"));
                    byte[] padded = new byte[env.length + 1];
                    System.arraycopy(env, 0, padded, 1, env.length); // so the first variable also follows a NUL
                    if (contains(padded, marker) || endsWith(padded, marker)) {
                        ProcessHandle.of(Long.parseLong(p.getFileName().toString()))
                                .filter(ProcessHandle::isAlive).ifPresent(found::add);
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile, or not ours to read
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to report
        }
        return found;
    }

    private static boolean contains(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The last variable may lack its closing NUL. */
    private static boolean endsWith(byte[] data, byte[] part) {
        int n = part.length - 1;
        if (data.length < n) {
            return false;
        }
        for (int j = 0; j < n; j++) {
            if (data[data.length - n + j] != part[j]) {
                return false;
            }
        }
        return true;
    }
}
