package io.flowmqtt.benchmark;

import io.flowmqtt.testing.mosquitto.Mosquitto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The peer a FLOW user would pick instead: Node-RED (the version pinned in the root pom), installed from the npm
 * registry into the build folder on first use, running the committed flow {@code tools/benchmark/node-red/flows.json}
 * ({@code http in} → {@code function} → {@code mqtt out} at QoS 1, plus {@code http response}) on a free port.
 * The flow takes the broker port, token, device ID and topic prefix from the environment.
 */
public final class NodeRedBridge extends ProcessBridge {
    private final Path userDir;
    private final Path installDir;
    private final int brokerPort;

    private NodeRedBridge(Path userDir, Path installDir, int brokerPort, String token, ProcessGuard guard, int httpPort) {
        super(guard, httpPort, token);
        this.userDir = userDir;
        this.installDir = installDir;
        this.brokerPort = brokerPort;
    }

    /** Installs Node-RED when missing (or another version), and lays out a fresh user directory with the flow. */
    public static NodeRedBridge create(Path flows, Path installDir, Path userDir, int brokerPort, String token,
                                       ProcessGuard guard) throws IOException, InterruptedException {
        install(installDir, version(), guard);
        Trees.delete(userDir);
        Files.createDirectories(userDir);
        Files.copy(flows, userDir.resolve("flows.json"));
        int port = Mosquitto.freePort();
        // what a user would run, minus what calls out: no update check, no palette installs; logs at warn
        Files.writeString(userDir.resolve("settings.js"), """
                module.exports = {
                    uiHost: "127.0.0.1",
                    uiPort: %d,
                    userDir: __dirname,
                    flowFile: "flows.json",
                    credentialSecret: false,
                    functionExternalModules: true,
                    externalModules: { autoInstall: false, palette: { allowInstall: false } },
                    diagnostics: { enabled: false, ui: false },
                    telemetry: { enabled: false, updateNotification: false },
                    editorTheme: { projects: { enabled: false }, tours: false },
                    logging: { console: { level: "warn", metrics: false, audit: false } }
                };
                """.formatted(port));
        return new NodeRedBridge(userDir, installDir, brokerPort, token, guard, port);
    }

    /** The pinned version, from the root pom's {@code node.red.version} (filtered into the jar by the build). */
    static String version() throws IOException {
        Properties versions = new Properties();
        try (InputStream in = NodeRedBridge.class.getResourceAsStream("versions.properties")) {
            versions.load(in);
        }
        return versions.getProperty("node.red.version");
    }

    private static void install(Path dir, String version, ProcessGuard guard) throws IOException, InterruptedException {
        Path installed = dir.resolve("node_modules/node-red/package.json");
        if (Files.exists(installed) && Files.readString(installed).contains("\"version\": \"" + version + "\"")) {
            return;
        }
        Files.createDirectories(dir);
        Path log = dir.resolve("npm-install.log");
        System.out.println("installing Node-RED " + version + " from the npm registry into " + dir + " (once; about a minute)");
        Process npm = guard.start(new ProcessBuilder("npm", "install", "--prefix", dir.toString(), "--no-audit", "--no-fund",
                "--omit=dev", "--no-save", "node-red@" + version)
                .redirectErrorStream(true).redirectOutput(log.toFile()));
        if (!npm.waitFor(10, TimeUnit.MINUTES)) {
            npm.destroyForcibly();
            throw new BenchmarkFailure("npm install node-red@" + version + " did not finish within 10 minutes; see " + log);
        }
        if (npm.exitValue() != 0 || !Files.exists(installed)) {
            throw new BenchmarkFailure("npm install node-red@" + version + " failed (exit " + npm.exitValue() + "); see " + log);
        }
    }

    @Override
    ProcessBuilder command() {
        // node itself, not the node-red shell wrapper: its pid is the one /proc is read for
        ProcessBuilder builder = new ProcessBuilder("node", installDir.resolve("node_modules/node-red/red.js").toString(),
                "--settings", userDir.resolve("settings.js").toString()).directory(userDir.toFile());
        Map<String, String> env = builder.environment();
        env.put("BENCH_MQTT_PORT", Integer.toString(brokerPort));
        env.put("BENCH_TOKEN", token());
        env.put("BENCH_DEVICE_ID", Payloads.BLOCK);
        env.put("BENCH_TOPIC_PREFIX", "flow");
        return builder;
    }

    @Override
    Path console() {
        return userDir.resolve("node-red.log");
    }

    @Override
    public String name() {
        return "node-red";
    }

    @Override
    public String topicRoot() {
        return "flow/" + Payloads.BLOCK + "/";
    }

    @Override
    public String logs() {
        return console().toString();
    }
}
