package io.flowmqtt.testing.mosquitto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** What {@link NatsServer} and {@link RabbitMq} share: installed-binary checks, free ports, readiness, log tails. */
final class BrokerProcesses {
    private BrokerProcesses() {
    }

    /**
     * Fails with one sentence naming the Debian package when {@code binary}, a fixed path (a program that must not
     * be taken from the PATH, see {@link RabbitMq#SERVER}), is not there; programs found by name go through
     * {@link Executables#find}.
     */
    static void requireInstalled(String binary, String what, String debianPackage) throws IOException {
        if (!Files.isExecutable(Path.of(binary))) {
            throw new java.io.FileNotFoundException(what + " not found at " + binary + ": install it (Debian: apt-get install "
                    + debianPackage + ")");
        }
    }

    /** {@code count} distinct ports that were free a moment ago. */
    static int[] freePorts(int count) throws IOException {
        Set<Integer> seen = new HashSet<>();
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            int port;
            do {
                port = Mosquitto.freePort();
            } while (!seen.add(port));
            ports[i] = port;
        }
        return ports;
    }

    /**
     * Waits until {@code port} answers an MQTT 3.1.1 CONNECT with an accepting CONNACK (a listener can accept
     * TCP connections before the broker behind it is ready). Fails early when {@code process} exits, and with
     * {@code why} (the log tail) when the deadline passes.
     */
    static void awaitMqtt(Process process, String name, int port, long timeoutMillis, Supplier<String> why)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        String last = "no attempt";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + " before its MQTT port " + port
                        + " answered" + why.get());
            }
            last = connack(port);
            if (last == null) {
                return;
            }
            Thread.sleep(50); // polling a condition with a deadline
        }
        throw new IOException(name + " did not answer an MQTT CONNECT on port " + port + " within " + timeoutMillis
                + " ms (last attempt: " + last + ")" + why.get());
    }

    /** Whether a TCP connection to 127.0.0.1:{@code port} is accepted. */
    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** One MQTT CONNECT (clean session) and DISCONNECT; {@code null} when accepted, otherwise what happened. */
    static String connack(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(2000);
            byte[] id = ("probe-" + Long.toHexString(ThreadLocalRandom.current().nextLong())).getBytes(StandardCharsets.US_ASCII);
            byte[] variable = {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 10};
            int remaining = variable.length + 2 + id.length;
            byte[] packet = new byte[2 + remaining];
            packet[0] = 0x10;
            packet[1] = (byte) remaining;
            System.arraycopy(variable, 0, packet, 2, variable.length);
            packet[2 + variable.length] = (byte) (id.length >> 8);
            packet[3 + variable.length] = (byte) id.length;
            System.arraycopy(id, 0, packet, 4 + variable.length, id.length);
            OutputStream out = s.getOutputStream();
            out.write(packet);
            out.flush();
            InputStream in = s.getInputStream();
            byte[] answer = in.readNBytes(4);
            if (answer.length < 4) {
                return "connection closed before CONNACK";
            }
            if ((answer[0] & 0xff) != 0x20 || answer[1] != 2) {
                return "not a CONNACK: first byte " + (answer[0] & 0xff);
            }
            if (answer[3] != 0) {
                return "CONNACK return code " + answer[3];
            }
            out.write(new byte[] {(byte) 0xe0, 0});
            out.flush();
            return null;
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The last {@code lines} lines of each existing file, headed by its name; empty when there are none. */
    static String tails(int lines, List<Path> files) {
        StringBuilder text = new StringBuilder();
        for (Path file : files) {
            if (file == null || !Files.isRegularFile(file)) {
                continue;
            }
            try {
                List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
                text.append("\n--- last lines of ").append(file).append(":\n");
                for (String line : all.subList(Math.max(0, all.size() - lines), all.size())) {
                    text.append(line).append('\n');
                }
            } catch (IOException | RuntimeException e) {
                text.append("\n--- ").append(file).append(" unreadable: ").append(e);
            }
        }
        return text.toString();
    }

    /** Reads a file, or "" when it does not exist. */
    static String read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** SIGKILL to each process that is still alive, then waits (bounded) until each is gone. */
    static void killAll(List<ProcessHandle> processes, long timeoutMillis) throws InterruptedException {
        for (ProcessHandle p : processes) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (ProcessHandle p : processes) {
            while (p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10); // polling a condition with a deadline
            }
        }
    }

    /** A description of a process for messages: pid and command line. */
    static String describe(ProcessHandle p) {
        return p.pid() + " " + p.info().commandLine().orElse(p.info().command().orElse("?"));
    }
}
