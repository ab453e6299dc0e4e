package io.flowmqtt.benchmark;

import io.flowmqtt.testing.mosquitto.Mosquitto;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The assembled runtime as a device runs it: a fresh copy of runtime-config/target/runtime, started with its own
 * {@code bin/flow --background-safe} (and the JVM options that ships), configured by conf/*.cfg files: one
 * interface to the benchmark's Mosquitto at QoS 1, one output of every widget, and the webhook input on a free port.
 */
public final class RuntimeBridge extends ProcessBridge {
    private static final String INTERFACE_FILE = "flow.mqtt.interface-bench.cfg";

    private final Path home;
    private final String brokerUrl;
    private volatile String topicPrefix = "flow";

    private RuntimeBridge(Path home, String brokerUrl, String token, ProcessGuard guard, int httpPort) {
        super(guard, httpPort, token);
        this.home = home;
        this.brokerUrl = brokerUrl;
    }

    /** Copies {@code assembled} to {@code home} (replacing what was there) and writes the benchmark's configuration. */
    public static RuntimeBridge create(Path assembled, Path home, int brokerPort, String token, ProcessGuard guard)
            throws IOException {
        if (!Files.isExecutable(assembled.resolve("bin/flow"))) {
            throw new BenchmarkFailure("there is no assembled runtime at " + assembled
                    + " (run ./benchmark without --no-build, or mvn -DskipTests install)");
        }
        Trees.delete(home);
        Trees.copy(assembled, home);
        int port = Mosquitto.freePort();
        // framework properties win over system properties, so the HTTP port is changed in the copy's own file
        Path properties = home.resolve("etc/config.properties");
        String text = Files.readString(properties);
        if (!text.contains("org.osgi.service.http.port=8181")) {
            throw new BenchmarkFailure(properties + " no longer sets org.osgi.service.http.port=8181; the benchmark cannot move the port");
        }
        Files.writeString(properties, text.replace("org.osgi.service.http.port=8181", "org.osgi.service.http.port=" + port));
        RuntimeBridge bridge = new RuntimeBridge(home, "mqtt://127.0.0.1:" + brokerPort, token, guard, port);
        bridge.write("flow.device.cfg", "blockName = " + Payloads.BLOCK + "\n");
        bridge.write("flow.webhook.cfg", "token = " + token + "\npath = /flow/webhook\n");
        bridge.write("flow.mqtt.output-widgets.cfg", """
                # every widget, every state: what the Node-RED flow publishes too
                interface = bench
                source = widgets
                widgets = *
                policy = create, update, close
                """);
        bridge.writeInterface();
        return bridge;
    }

    /** Rewrites the interface's file with another topic prefix; FileInstall applies it while the runtime runs. */
    public void changeTopicPrefix(String prefix) throws IOException {
        topicPrefix = prefix;
        writeInterface();
    }

    private void writeInterface() throws IOException {
        write(INTERFACE_FILE, "address = " + brokerUrl + "\nqos = 1\ntopicPrefix = " + topicPrefix
                + "\ndeviceIdType = BLOCK_NAME\n");
    }

    private void write(String name, String text) throws IOException {
        // written aside and moved, so FileInstall never reads half a file
        Path target = home.resolve("conf").resolve(name);
        Path temp = home.resolve("conf").resolve("." + name + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    ProcessBuilder command() {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/flow").toString(), "--background-safe").directory(home.toFile());
        Map<String, String> env = builder.environment();
        // bin/flow runs 'java': this JDK's, whatever the PATH has first; bin/flow ends with 'exec java', so the
        // process's pid is the JVM's
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + env.getOrDefault("PATH", ""));
        return builder;
    }

    @Override
    Path console() {
        return home.resolveSibling(home.getFileName() + "-console.log");
    }

    @Override
    public String name() {
        return "runtime";
    }

    @Override
    public String topicRoot() {
        return topicPrefix + "/" + Payloads.BLOCK + "/";
    }

    @Override
    public String logs() {
        return home.resolve("logs/flow.log") + " and " + console();
    }
}
