package io.flowmqtt.testing.mosquitto;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A private RabbitMQ node (Debian's {@code rabbitmq-server}, 3.10 on Debian 12) with the MQTT plugin, on free
 * ports of 127.0.0.1, with its own epmd, Erlang cookie, Mnesia database and logs in its own folder. It never
 * touches the system node (5672, epmd 4369, 25672): the system's {@code rabbitmq-env.conf} is kept out,
 * and the environment is built from nothing.
 *
 * <p>Starting takes some 15 to 20 s (a restart on existing data about 7 s): share one node between the
 * tests of a class. {@link #stop()} / {@link #start()} restart it on the same ports with the same data
 * (durable sessions survive); {@link #close()} kills every process of it (beam, its epmd, inet_gethost,
 * the disk monitor), found by a marker in their environment, and waits until none is left.
 *
 * <p>What RabbitMQ 3.10's MQTT plugin does (seen with Paho 1.2.5): a SUBSCRIBE at QoS 2 is granted QoS 1;
 * a PUBLISH at QoS 2 is answered with PUBACK and delivered at QoS 1; retained messages go only to
 * subscriptions of the exact topic (not to wildcards); a {@code .} in a topic comes out as a {@code /}.
 */
public final class RabbitMq implements TestBroker {
    /** The server script itself: {@code /usr/sbin/rabbitmq-server} switches user and loses the environment. */
    public static final String SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    /** The Erlang port mapper, from erlang-base (a dependency of rabbitmq-server). */
    public static final String EPMD = "/usr/bin/epmd";
    /** The environment variable that marks every process of a node, for {@link #processes()}. */
    static final String MARKER = "FLOWMQTT_TEST_RABBITMQ";
    private static final long START_TIMEOUT_MILLIS = 60_000;
    private static final long STOP_TIMEOUT_MILLIS = 30_000;

    private final Path dir;
    private final RabbitMqFiles files;
    private final String nodeName;
    private final int amqpPort;
    private final int distPort;
    private final int epmdPort;
    private final int mqttPort;
    private Process epmd;
    private Process server;
    private Thread shutdownHook;

    private RabbitMq(Path dir, int[] ports) {
        this.dir = dir;
        this.files = new RabbitMqFiles(dir);
        this.nodeName = "flowtest-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";
        this.amqpPort = ports[0];
        this.distPort = ports[1];
        this.epmdPort = ports[2];
        this.mqttPort = ports[3];
    }

    /** A node whose files live in {@code dir}; ports, node name and cookie are chosen and written now. */
    public static RabbitMq in(Path dir) throws IOException {
        Files.createDirectories(dir);
        RabbitMq node = new RabbitMq(dir, BrokerProcesses.freePorts(4));
        node.files.write(node.amqpPort, node.mqttPort);
        return node;
    }

    /** Starts the node (again, on the same ports and data) and waits (60 s at most) until MQTT answers a CONNECT. */
    @Override
    public synchronized RabbitMq start() throws IOException, InterruptedException {
        BrokerProcesses.requireInstalled(SERVER, "RabbitMQ", "rabbitmq-server");
        BrokerProcesses.requireInstalled(EPMD, "Erlang's epmd", "erlang-base");
        if (isRunning()) {
            return this;
        }
        addShutdownHook();
        startEpmd();
        ProcessBuilder builder = new ProcessBuilder(SERVER).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(Redirect.appendTo(dir.resolve("stdout.log").toFile()));
        files.environment(builder, nodeName, amqpPort, distPort, epmdPort);
        server = builder.start();
        try {
            BrokerProcesses.awaitMqtt(server, "rabbitmq-server " + nodeName, mqttPort, START_TIMEOUT_MILLIS, this::logTail);
        } catch (IOException | InterruptedException e) {
            kill();
            throw e;
        }
        return this;
    }

    private void startEpmd() throws IOException, InterruptedException {
        if (epmd != null && epmd.isAlive()) {
            return;
        }
        // In the foreground, as our child: "epmd -daemon" (what erl starts by itself) would outlive everything.
        ProcessBuilder builder = new ProcessBuilder(EPMD, "-port", Integer.toString(epmdPort), "-address", "127.0.0.1")
                .redirectErrorStream(true).redirectOutput(Redirect.appendTo(dir.resolve("epmd.log").toFile()));
        files.environment(builder, nodeName, amqpPort, distPort, epmdPort);
        epmd = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!BrokerProcesses.accepts(epmdPort)) {
            if (!epmd.isAlive() || System.nanoTime() > deadline) {
                String log = BrokerProcesses.tails(20, List.of(dir.resolve("epmd.log")));
                epmd.destroyForcibly();
                throw new IOException("epmd did not listen on 127.0.0.1:" + epmdPort + log);
            }
            Thread.sleep(20); // polling a condition with a deadline
        }
    }

    /**
     * SIGTERM to the server script, which stops the node in order (it saves sessions and messages), and waits
     * until every process of the node is gone. Its epmd keeps running for the next {@link #start()}.
     */
    @Override
    public synchronized void stop() throws InterruptedException {
        if (server == null) {
            return;
        }
        List<ProcessHandle> tree = tree(server);
        server.destroy();
        if (!server.waitFor(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            System.err.println("RabbitMQ " + nodeName + " did not stop within " + STOP_TIMEOUT_MILLIS + " ms: killed");
        }
        // the node's helpers (erl_child_setup, inet_gethost, the disk monitor) go with it; make sure of it
        BrokerProcesses.killAll(tree, 10_000);
        server = null;
    }

    /** SIGKILL to every process of the node but its epmd: it dies without saving anything. */
    @Override
    public synchronized void kill() throws InterruptedException {
        if (server == null) {
            return;
        }
        BrokerProcesses.killAll(tree(server), 10_000);
        server = null;
    }

    /** The script's process and all its descendants (beam.smp, erl_child_setup, inet_gethost, ...), children first. */
    private static List<ProcessHandle> tree(Process root) {
        List<ProcessHandle> all = root.descendants().collect(Collectors.toCollection(ArrayList::new));
        java.util.Collections.reverse(all);
        all.add(root.toHandle());
        return all;
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null && server.isAlive();
    }

    /**
     * Kills every process of this node, its epmd included, and waits (10 s at most) until none is left.
     * Throws when one survives. Interrupted, it sends SIGKILL to all of them without waiting (see
     * {@link TestBroker#close()}).
     */
    @Override
    public synchronized void close() {
        try {
            kill();
            if (epmd != null) {
                epmd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                epmd = null;
            }
            // anything that was reparented (a process whose parent died first) still carries the marker
            BrokerProcesses.killAll(processes(), 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            processes().forEach(ProcessHandle::destroyForcibly);
            return;
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already
            }
            shutdownHook = null;
        }
        List<ProcessHandle> left = processes();
        if (!left.isEmpty()) {
            throw new IllegalStateException("processes of RabbitMQ " + nodeName + " still running after close(): "
                    + left.stream().map(BrokerProcesses::describe).collect(Collectors.joining("; ")));
        }
    }

    /** If a test run ends without {@link #close()}, the node goes with the JVM. */
    private void addShutdownHook() {
        if (shutdownHook == null) {
            shutdownHook = new Thread(() -> {
                for (ProcessHandle p : processes()) {
                    p.destroyForcibly();
                }
            }, "kill " + nodeName);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /**
     * Every live process of this node, whoever its parent is now: those whose environment carries the node's
     * marker (beam.smp, erl_child_setup, inet_gethost, the disk monitor's shell, epmd, the server script).
     */
    public List<ProcessHandle> processes() {
        return MarkedProcesses.find(MARKER, nodeName);
    }

    @Override
    public String mqttUrl() {
        return "tcp://127.0.0.1:" + mqttPort;
    }

    @Override
    public int mqttPort() {
        return mqttPort;
    }

    public int amqpPort() {
        return amqpPort;
    }

    public int distPort() {
        return distPort;
    }

    public int epmdPort() {
        return epmdPort;
    }

    public String nodeName() {
        return nodeName;
    }

    @Override
    public Path dir() {
        return dir;
    }

    /** The node's main log file. */
    public Path logFile() {
        return dir.resolve("log").resolve(nodeName + ".log");
    }

    @Override
    public String log() throws IOException {
        return BrokerProcesses.read(logFile());
    }

    private String logTail() {
        return BrokerProcesses.tails(40, List.of(dir.resolve("stdout.log"), logFile()));
    }

    @Override
    public String toString() {
        return "RabbitMQ " + nodeName + " mqtt " + mqttUrl() + " in " + dir;
    }
}
