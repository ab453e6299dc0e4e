package io.flowmqtt.testing.mosquitto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The folder of a private RabbitMQ node (its cookie, configuration, plugins, Mnesia database, logs) and the
 * environment its processes start with, built from nothing so that nothing of the caller's or the system's
 * node leaks in.
 */
final class RabbitMqFiles {
    private final Path dir;

    RabbitMqFiles(Path dir) {
        this.dir = dir;
    }

    void write(int amqpPort, int mqttPort) throws IOException {
        Files.createDirectories(dir.resolve("mnesia"));
        Files.createDirectories(dir.resolve("log"));
        // HOME of the node is a folder of its own with its own cookie: whatever HOME the test runs with (the
        // test's folder, or the real one with or without a cookie of its own), Erlang finds a cookie it can read
        // and never writes one into a real home.
        Path home = Files.createDirectories(dir.resolve("home"));
        Path cookie = home.resolve(".erlang.cookie");
        if (!Files.exists(cookie)) {
            StringBuilder value = new StringBuilder();
            SecureRandom random = new SecureRandom();
            for (int i = 0; i < 20; i++) {
                value.append((char) ('A' + random.nextInt(26)));
            }
            Files.writeString(cookie, value, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
        }
        Files.writeString(dir.resolve("rabbitmq-env.conf"), ""); // keeps /etc/rabbitmq/rabbitmq-env.conf out
        Files.writeString(dir.resolve("enabled_plugins"), "[rabbitmq_mqtt].\n");
        Files.writeString(dir.resolve("rabbitmq.conf"), "listeners.tcp.default = 127.0.0.1:" + amqpPort + "\n"
                + "mqtt.listeners.tcp.default = 127.0.0.1:" + mqttPort + "\n"
                + "mqtt.allow_anonymous = true\n"
                + "disk_free_limit.absolute = 1MB\n"
                + "log.file.level = info\n"
                + "log.console = false\n");
    }

    Map<String, String> environment(ProcessBuilder builder, String nodeName, int amqpPort, int distPort, int epmdPort) {
        Map<String, String> env = builder.environment();
        String path = System.getenv("PATH");
        env.clear(); // no RABBITMQ_*, ERL_*, ERL_FLAGS or NOTIFY_SOCKET of the caller
        env.put("PATH", (path == null ? "" : path + ":") + "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        env.put("HOME", dir.resolve("home").toString());
        env.put("LANG", "C.UTF-8");
        env.put("LC_ALL", "C.UTF-8");
        env.put(RabbitMq.MARKER, nodeName);
        env.put("RABBITMQ_NODENAME", nodeName);
        env.put("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString());
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_NODE_PORT", Integer.toString(amqpPort));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
        env.put("ERL_EPMD_PORT", Integer.toString(epmdPort));
        env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString());
        // our own epmd, started below and stopped by close(); distribution on the loopback interface only
        env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-start_epmd false -kernel inet_dist_use_interface {127,0,0,1}");
        return env;
    }
}
