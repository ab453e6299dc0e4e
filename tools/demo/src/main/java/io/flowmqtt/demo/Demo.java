package io.flowmqtt.demo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The demo: an embedded broker (Moquette) bound to 127.0.0.1 on a free port, a fresh copy of the
 * runtime configured to publish the simulated block's widgets and the diagnostics to it, and a
 * plain MQTT subscriber that prints every message, and the operator page on a free port with a fresh
 * login ({@link DemoOperator}). Ctrl-C stops everything orderly.
 *
 * <p>Usage: {@code java -jar flow-mqtt-demo.jar <runtime dir> <demo dir> [--seconds N]}. With
 * {@code --seconds} it stops by itself and exits 1 if no widget message arrived or the operator API did not answer.
 */
public final class Demo {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        if (args.length < 2) {
            System.err.println("usage: Demo <runtime dir> <demo dir> [--seconds N]");
            System.exit(2);
        }
        Path runtime = Path.of(args[0]).toAbsolutePath();
        Path home = Path.of(args[1]).toAbsolutePath();
        long seconds = args.length >= 4 && args[2].equals("--seconds") ? Long.parseLong(args[3]) : 0;
        if (!Files.isDirectory(runtime.resolve("bundle"))) {
            System.err.println("No runtime at " + runtime + ": build it first (mvn -DskipTests install)");
            System.exit(2);
        }

        int port = freePort();
        Server broker = new Server();
        broker.startServer(new MemoryConfig(brokerProperties(port)));

        copy(runtime, home);
        writeDemoConfiguration(home.resolve("conf"), port);
        DemoOperator operator = DemoOperator.configure(home);

        AtomicLong widgetMessages = new AtomicLong();
        MqttClient subscriber = subscribe(port, widgetMessages);

        Process felix = startRuntime(home);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(felix, subscriber, broker, stopped)));

        System.out.println();
        System.out.println("FLOW MQTT demo");
        System.out.println("  broker     mqtt://127.0.0.1:" + port + " (embedded, this machine only)");
        System.out.println("  runtime    " + home + "  (logs/flow.log, conf/*.cfg are watched: edit one to reconfigure live)");
        System.out.println("  watching   flow/#   (also: mosquitto_sub -h 127.0.0.1 -p " + port + " -t 'flow/#' -v)");
        System.out.println("  page       " + operator.pageUrl() + "   login: " + DemoOperator.USERNAME + " / " + operator.password);
        System.out.println("  stop       Ctrl-C");
        System.out.println();
        Thread pageCheck = new Thread(() -> {
            try {
                if (!operator.awaitAnswer(Duration.ofSeconds(60))) {
                    System.out.println("warning: nothing answers at " + operator.pageUrl() + " after 60 s; see "
                            + home.resolve("logs/flow.log"));
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        }, "page-check");
        pageCheck.setDaemon(true);
        pageCheck.start();

        if (seconds > 0) {
            boolean exited = felix.waitFor(seconds, TimeUnit.SECONDS);
            boolean page = !exited && operator.awaitAnswer(Duration.ofSeconds(1));
            System.out.println();
            System.out.println(widgetMessages.get() + " widget message(s) received in " + seconds + " s; the operator API "
                    + (page ? "answered at " + operator.pageUrl() : "did not answer at " + operator.pageUrl())
                    + (exited ? "; the runtime exited early with code " + felix.exitValue() + " (see " + home.resolve("logs") + ")" : ""));
            System.exit(widgetMessages.get() > 0 && page && !exited ? 0 : 1);
        }
        int code = felix.waitFor();
        System.out.println("The runtime exited with code " + code + "; see " + home.resolve("logs"));
        stopped.await(10, TimeUnit.SECONDS);
    }

    /** One line per message: topic, lifecycle state and revision, seq, and a short view of the data. */
    static String describe(String topic, String payload) {
        if (!payload.startsWith("{")) {
            return String.format("%-40s %s", topic, payload);
        }
        JsonObject json = JsonParser.parseString(payload).getAsJsonObject();
        String state = json.has("event_state") ? json.get("event_state").getAsString() + "#" + json.get("revision").getAsLong() : "";
        String seq = json.has("seq") ? "seq " + json.get("seq").getAsLong() : "";
        JsonElement data = json.has("data") ? json.get("data") : json;
        String shown = data.toString();
        if (shown.length() > 110) {
            shown = shown.substring(0, 107) + "...";
        }
        return String.format("%-40s %-11s %-9s %s", topic, state, seq, shown);
    }

    private static Properties brokerProperties(int port) {
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("netty.mqtt.message_size", Integer.toString(1024 * 1024));
        return p;
    }

    private static MqttClient subscribe(int port, AtomicLong widgetMessages) throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, "flow-demo-watcher", new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                System.out.println("watcher lost the broker: " + cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
                if (topic.contains("/widgets/")) {
                    widgetMessages.incrementAndGet();
                }
                System.out.println(LocalTime.now().format(TIME) + "  " + describe(topic, payload));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        client.subscribe("flow/#", 1);
        return client;
    }

    private static Process startRuntime(Path home) throws IOException {
        // bin/flow as a device runs it: its JVM settings, umask and folders; it execs java, so destroy() below
        // reaches the JVM itself
        Path logs = Files.createDirectories(home.resolve("logs"));
        ProcessBuilder builder = new ProcessBuilder("sh", home.resolve("bin/flow").toString(), "--background-safe")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(logs.resolve("console.log").toFile());
        // bin/flow runs the first 'java' on the PATH: make it this JDK, the one the demo was built and started with
        Map<String, String> env = builder.environment();
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + env.getOrDefault("PATH", ""));
        return builder.start();
    }

    private static void stop(Process felix, MqttClient subscriber, Server broker, CountDownLatch stopped) {
        try {
            if (felix.isAlive()) {
                felix.destroy(); // SIGTERM: Felix stops its bundles, the interface publishes "offline"
                if (!felix.waitFor(15, TimeUnit.SECONDS)) {
                    felix.destroyForcibly();
                }
            }
            if (subscriber.isConnected()) {
                subscriber.disconnect(1000);
            }
            subscriber.close(true);
        } catch (Exception e) {
            System.err.println("stopping: " + e);
        } finally {
            broker.stopServer();
            stopped.countDown();
        }
    }

    private static void writeDemoConfiguration(Path conf, int port) throws IOException {
        write(conf.resolve("flow.device.cfg"), "blockName = demo-block\n");
        write(conf.resolve("flow.simulator.cfg"), """
                # The simulated block: 2 analytics in cube 1, a report every second, 10 s time blocks.
                seed = 42
                cube = 1
                analytics = 2
                tickMillis = 1000
                timeBlockSeconds = 10
                """);
        write(conf.resolve("flow.mqtt.interface-demo.cfg"), """
                # The demo interface: the embedded broker, QoS 1, topics flow/demo-block/...
                address = mqtt://127.0.0.1:%d
                qos = 1
                topicPrefix = flow
                deviceIdType = BLOCK_NAME
                showLogs = true
                """.formatted(port));
        write(conf.resolve("flow.mqtt.output-counts.cfg"), """
                # Vehicle counts and speeds (widgets 1 and 2 of every analytic): only the final value of each time block.
                interface = demo
                source = widgets
                widgets = */*/1, */*/2
                policy = close
                """);
        write(conf.resolve("flow.mqtt.output-zone-events.cfg"), """
                # Zone trajectory events (widget 4): every state, at most one update per event every 2 s.
                interface = demo
                source = widgets
                widgets = 4
                policy = create, update, close
                minUpdateInterval = 2s
                """);
        write(conf.resolve("flow.mqtt.output-system.cfg"), """
                interface = demo
                source = system
                policy = create, update
                interval = 30s
                """);
        write(conf.resolve("flow.mqtt.output-processing.cfg"), """
                interface = demo
                source = processing
                policy = create, update
                interval = 15s
                """);
        write(conf.resolve("flow.mqtt.output-network.cfg"), """
                interface = demo
                source = network
                policy = create, update
                interval = 60s
                """);
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> old = Files.walk(to)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
