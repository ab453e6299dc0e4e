package io.flowmqtt.transport.internal;

import io.flowmqtt.api.OutboundMessage;
import io.flowmqtt.api.PublishResult;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.api.status.LogEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Creates engines the way the component does, and waits for conditions on them. */
final class Engines {
    /** Short timeouts so that failures and retries happen quickly in tests. */
    static final Map<String, Object> FAST = Configs.map("connectTimeoutSeconds", 2, "reconnectMinMillis", 50,
            "reconnectMaxMillis", 200, "keepAliveSeconds", 30);

    private Engines() {
    }

    static InterfaceEngine start(String name, Path queueRoot, Map<String, Object> config, String blockName)
            throws InvalidSettingException {
        InterfaceEngine engine = new InterfaceEngine(name, queueRoot, System::currentTimeMillis);
        engine.apply(settings(name, config, blockName));
        return engine;
    }

    /** Validated settings from {@link #FAST} with {@code config} on top. */
    static InterfaceSettings settings(String name, Map<String, Object> config, String blockName)
            throws InvalidSettingException {
        Map<String, Object> all = new java.util.LinkedHashMap<>(FAST);
        all.putAll(config);
        return InterfaceSettings.from(Configs.of(all), name, blockName);
    }

    static InterfaceStatus awaitState(InterfaceEngine engine, ConnectionState state, long timeoutMillis)
            throws InterruptedException {
        return awaitStatus(engine, "state " + state, s -> s.state() == state, timeoutMillis);
    }

    static InterfaceStatus awaitStatus(InterfaceEngine engine, String what, Predicate<InterfaceStatus> condition,
                                       long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            InterfaceStatus status = engine.status();
            if (condition.test(status)) {
                return status;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what + "; status: "
                        + status + "\nlog:\n" + logText(engine));
            }
            Thread.sleep(10); // polling a condition with a deadline
        }
    }

    static void waitFor(String what, BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            Thread.sleep(10); // polling a condition with a deadline
        }
    }

    /** Publishes a message whose payload is its sequence number. */
    static PublishResult publishSeq(InterfaceEngine engine, String subTopic, int qos) {
        return engine.publish(new OutboundMessage(subTopic, qos, false,
                seq -> Long.toString(seq).getBytes(StandardCharsets.US_ASCII)));
    }

    static PublishResult publishText(InterfaceEngine engine, String subTopic, int qos, String text) {
        return engine.publish(new OutboundMessage(subTopic, qos, false, seq -> text.getBytes(StandardCharsets.UTF_8)));
    }

    static String logText(InterfaceEngine engine) {
        List<LogEntry> entries = engine.communicationLog();
        return entries.stream().map(e -> "  " + e.kind() + " " + e.message()).collect(Collectors.joining("\n"));
    }

    /** Everything an operator can see: status (all fields) and the communication log. */
    static String visibleText(InterfaceEngine engine) {
        InterfaceStatus s = engine.status();
        return s + "\n" + s.detail() + "\n" + s.lastError() + "\n" + s.broker() + "\n" + logText(engine);
    }
}
