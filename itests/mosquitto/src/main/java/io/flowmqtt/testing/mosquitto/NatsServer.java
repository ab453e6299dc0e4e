package io.flowmqtt.testing.mosquitto;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A private NATS server (Debian's {@code nats-server}, 2.9 on Debian 12) with JetStream and its
 * MQTT gateway, on free ports of 127.0.0.1, its JetStream store and log in its own folder. Never the
 * system instance (port 4222). {@link #stop()} / {@link #kill()} and {@link #start()} restart it on the same
 * ports with the same store, so sessions and retained messages survive an orderly restart.
 *
 * <p>What NATS 2.9's MQTT gateway does (seen with Paho 1.2.5): QoS 0 and 1 only (a SUBSCRIBE at QoS 2 is
 * granted QoS 1; a PUBLISH at QoS 2 makes it close the connection); a topic with a space or a {@code .} in
 * a PUBLISH, or as the will topic of a CONNECT, makes it close the connection too. A QoS 1 message sent
 * to a subscriber that did not acknowledge it is sent again only after {@link #mqttAckWait} (30 s by
 * default), even when the subscriber's session resumes sooner.
 */
public final class NatsServer implements TestBroker {
    private static final long START_TIMEOUT_MILLIS = 15_000;

    private final Path dir;
    private final String serverName;
    private final int clientPort;
    private final int mqttPort;
    private Duration ackWait;
    private Process process;
    private Thread shutdownHook;

    private NatsServer(Path dir, int clientPort, int mqttPort) {
        this.dir = dir;
        this.clientPort = clientPort;
        this.mqttPort = mqttPort;
        this.serverName = "flowtest-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A server whose configuration, JetStream store and log live in {@code dir}; ports are chosen now. */
    public static NatsServer in(Path dir) throws IOException {
        Files.createDirectories(dir);
        int[] ports = BrokerProcesses.freePorts(2);
        return new NatsServer(dir, ports[0], ports[1]);
    }

    /**
     * How long the MQTT gateway waits for a subscriber's PUBACK before it sends a QoS 1 message again (NATS's
     * {@code mqtt.ack_wait}, 30 s by default). NATS 2.9 does not send unacknowledged messages sooner when the
     * subscriber's session resumes, after a reconnect or a server restart: a test that checks such a session
     * for completeness needs a short wait. Applies from the next {@link #start()}.
     */
    public NatsServer mqttAckWait(Duration wait) {
        this.ackWait = wait;
        return this;
    }

    /** Starts it (again, on the same ports and store) and waits until its MQTT port answers a CONNECT. */
    @Override
    public synchronized NatsServer start() throws IOException, InterruptedException {
        // Debian's package puts it in /usr/sbin, which Executables searches even when it is not on the PATH
        Path binary = Executables.find("nats-server", "nats-server");
        if (isRunning()) {
            return this;
        }
        Path config = dir.resolve("nats.conf");
        Files.writeString(config, "server_name: " + serverName + "\n"
                + "listen: 127.0.0.1:" + clientPort + "\n"
                + "log_file: \"" + logFile() + "\"\n"
                + "logtime: true\n"
                + "jetstream {\n  store_dir: \"" + dir.resolve("jetstream") + "\"\n}\n"
                + "mqtt {\n  host: 127.0.0.1\n  port: " + mqttPort + "\n"
                + (ackWait == null ? "" : "  ack_wait: \"" + ackWait.toMillis() + "ms\"\n") + "}\n");
        process = new ProcessBuilder(binary.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(Redirect.appendTo(stdoutFile().toFile())).start();
        addShutdownHook();
        try {
            BrokerProcesses.awaitMqtt(process, "nats-server", mqttPort, START_TIMEOUT_MILLIS, this::logTail);
        } catch (IOException | InterruptedException e) {
            kill();
            throw e;
        }
        return this;
    }

    /** SIGTERM (NATS shuts down in order and keeps its store), and waits until it is gone. */
    @Override
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    /** SIGKILL: the server dies without a word to anybody. */
    @Override
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
            process = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // see TestBroker.close()
            process.destroyForcibly();
            process = null;
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already: the hook runs and finds nothing to do
            }
            shutdownHook = null;
        }
    }

    /** If a test run ends without {@link #close()}, the server goes with the JVM. */
    private void addShutdownHook() {
        if (shutdownHook == null) {
            shutdownHook = new Thread(() -> {
                Process p = process;
                if (p != null) {
                    p.destroyForcibly();
                }
            }, "stop " + serverName);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    @Override
    public String mqttUrl() {
        return "tcp://127.0.0.1:" + mqttPort;
    }

    @Override
    public int mqttPort() {
        return mqttPort;
    }

    /** The port of the NATS protocol listener (not the standard 4222). */
    public int clientPort() {
        return clientPort;
    }

    @Override
    public Path dir() {
        return dir;
    }

    public Path logFile() {
        return dir.resolve("nats.log");
    }

    private Path stdoutFile() {
        return dir.resolve("stdout.log");
    }

    @Override
    public String log() throws IOException {
        return BrokerProcesses.read(logFile());
    }

    private String logTail() {
        return BrokerProcesses.tails(30, List.of(stdoutFile(), logFile()));
    }

    @Override
    public String toString() {
        return "nats-server " + serverName + " mqtt " + mqttUrl() + " in " + dir;
    }
}
