package io.flowmqtt.testing.mosquitto;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker started from a generated configuration on free ports, bound to
 * 127.0.0.1 only. Each listener is optional. {@link #kill()} and {@link #start()} restart it on
 * the same ports, for outage tests.
 */
public final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final List<String> listeners = new ArrayList<>();
    private final List<String> extra = new ArrayList<>();
    private final List<String> trailing = new ArrayList<>();
    private int tcpPort;
    private int wsPort;
    private int tlsPort;
    private int wssPort;
    private Path socket;
    private Process process;

    private Mosquitto(Path dir) {
        this.dir = dir;
    }

    /** A broker whose files (config, log, sockets, password file) live in {@code dir}. */
    public static Mosquitto in(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new Mosquitto(dir);
    }

    public Mosquitto tcp() throws IOException {
        tcpPort = freePort();
        listeners.add("listener " + tcpPort + " 127.0.0.1\nsocket_domain ipv4\n");
        return this;
    }

    public Mosquitto websockets() throws IOException {
        wsPort = freePort();
        listeners.add("listener " + wsPort + " 127.0.0.1\nsocket_domain ipv4\nprotocol websockets\n");
        return this;
    }

    /**
     * TLS on a TCP port, presenting the certificate {@code server} ({@code "server"}, {@code "wrong-host"} or
     * {@code "self-signed"} of {@link TestCertificates}); with {@code requireClientCertificate} the broker
     * demands a client certificate signed by the CA.
     */
    public Mosquitto tls(TestCertificates certs, String server, boolean requireClientCertificate) throws IOException {
        tlsPort = freePort();
        listeners.add("listener " + tlsPort + " 127.0.0.1\nsocket_domain ipv4\n" + tlsLines(certs, server, requireClientCertificate));
        return this;
    }

    public Mosquitto secureWebsockets(TestCertificates certs, boolean requireClientCertificate) throws IOException {
        wssPort = freePort();
        listeners.add("listener " + wssPort + " 127.0.0.1\nsocket_domain ipv4\nprotocol websockets\n"
                + tlsLines(certs, "server", requireClientCertificate));
        return this;
    }

    public Mosquitto unixSocket() {
        socket = dir.resolve("mqtt.sock");
        listeners.add("listener 0 " + socket + "\n");
        return this;
    }

    /** Requires a user name and password; other clients are refused. */
    public Mosquitto password(String user, String password) throws IOException, InterruptedException {
        Path file = dir.resolve("passwd");
        Files.deleteIfExists(file);
        Files.createFile(file);
        run(Executables.find("mosquitto_passwd", "mosquitto").toString(), "-b", file.toString(), user, password);
        extra.add("allow_anonymous false\npassword_file " + file + "\n");
        return this;
    }

    /** An ACL file, e.g. {@code "user alice\ntopic write flow/#\ntopic read #\n"}. */
    public Mosquitto acl(String acl) throws IOException {
        Path file = dir.resolve("acl");
        Files.writeString(file, acl);
        extra.add("acl_file " + file + "\n");
        return this;
    }

    /**
     * Further lines of broker configuration, written after the listeners (so a listener option applies to the
     * last one), e.g. {@code max_qos 1} (a broker that takes QoS 0 and 1 only and
     * disconnects an MQTT 3.1.1 client that publishes at QoS 2) or {@code max_packet_size 2048} (disconnects a
     * client that sends a larger packet).
     */
    public Mosquitto config(String lines) {
        trailing.add(lines.endsWith("\n") ? lines : lines + "\n");
        return this;
    }

    /** Keeps retained messages and sessions across {@link #stop()} / {@link #start()}. */
    public Mosquitto persistent() {
        extra.add("persistence true\npersistence_location " + dir + "/\nautosave_interval 1\n");
        return this;
    }

    public synchronized Mosquitto start() throws IOException, InterruptedException {
        // max_inflight_messages 0: Mosquitto 2.0.11 can deliver a subscriber's QoS 1/2 messages out of
        // order once its outgoing window (20 by default) is full and it queues; seen in bursts of
        // ~2000 messages. The tests check our ordering, so the broker must not add its own.
        StringBuilder config = new StringBuilder("per_listener_settings false\nuser root\nlog_dest file ")
                .append(dir.resolve("mosquitto.log")).append("\nlog_type all\nmax_queued_messages 100000\nmax_inflight_messages 0\n");
        if (extra.stream().noneMatch(e -> e.contains("allow_anonymous"))) {
            config.append("allow_anonymous true\n");
        }
        extra.forEach(config::append);
        listeners.forEach(config::append);
        trailing.forEach(config::append); // after the listeners: listener options such as max_qos apply to them
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, config.toString());
        if (socket != null) {
            Files.deleteIfExists(socket);
        }
        process = new ProcessBuilder(Executables.find("mosquitto", "mosquitto").toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        awaitReady();
        return this;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + ": " + Files.readString(dir.resolve("stdout.log"))
                        + (Files.exists(dir.resolve("mosquitto.log")) ? Files.readString(dir.resolve("mosquitto.log")) : ""));
            }
            if (ready()) {
                return;
            }
            Thread.sleep(20); // polling a condition, not waiting for time to pass
        }
        throw new IOException("mosquitto did not open its listeners within 10 s");
    }

    private boolean ready() {
        for (int port : new int[] {tcpPort, wsPort, tlsPort, wssPort}) {
            if (port != 0 && !accepts(port)) {
                return false;
            }
        }
        return socket == null || Files.exists(socket);
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM, and waits until it is gone. */
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    /** SIGKILL: the broker dies without a word to anybody. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
            process = null;
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** {@link #stop()}; interrupted while it waits, SIGKILL without waiting, and the interrupt flag stays set. */
    @Override
    public synchronized void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            process = null;
        }
    }

    public int tcpPort() { return tcpPort; }

    public int wsPort() { return wsPort; }

    public int tlsPort() { return tlsPort; }

    public int wssPort() { return wssPort; }

    public Path socket() { return socket; }

    public String tcpUrl() { return "tcp://127.0.0.1:" + tcpPort; }

    public Path dir() { return dir; }

    public String log() throws IOException {
        Path log = dir.resolve("mosquitto.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private static String tlsLines(TestCertificates certs, String server, boolean requireClientCertificate) {
        return "cafile " + certs.caCertificate() + "\ncertfile " + certs.path(server + ".crt") + "\nkeyfile "
                + certs.path(server + ".key") + "\nrequire_certificate " + requireClientCertificate + "\n";
    }

    /** A port that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
