package io.flowmqtt.transport.internal;

import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.LogEntry.Kind;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Puts an interface's configuration into force on the engine's loop: opens (or, after a rename, moves)
 * the queue, applies what works live, and reconnects only when a connection setting changed. A
 * configuration that cannot be used disconnects the interface, keeps the queue and says why.
 */
final class SettingsApplier {
    /** How soon a queue that could not be opened is tried again. */
    static final long QUEUE_RETRY_MILLIS = 10_000;

    private final EngineLoop loop;
    private final EngineState state;
    private final CommunicationLog log;
    private final InterfaceQueue queue;
    private final ConnectionLoop connection;

    SettingsApplier(EngineLoop loop, EngineState state, CommunicationLog log, InterfaceQueue queue, ConnectionLoop connection) {
        this.loop = loop;
        this.state = state;
        this.log = log;
        this.queue = queue;
        this.connection = connection;
    }

    /** Applies a valid configuration: reconnects only when connection settings changed. */
    Future<?> apply(InterfaceSettings next) {
        return loop.submit(() -> {
            try {
                applyOnLoop(next);
            } catch (RuntimeException e) {
                // a bug, or a library failing in a way nobody foresaw: say so instead of staying "starting"
                applyFailed(next.name(), "applying the configuration failed: " + ErrorText.describe(e), e);
            }
        });
    }

    /** The configuration became unusable: disconnect, keep the queue, and say why. */
    Future<?> invalid(String name, InvalidSettingException problem) {
        return loop.submit(() -> applyFailed(name, problem.getMessage(), null));
    }

    private void applyFailed(String name, String why, Throwable e) {
        state.setName(name);
        state.setSettings(null);
        connection.close(true);
        state.setLastError(why);
        state.setState(ConnectionState.INVALID_CONFIGURATION, "invalid configuration: " + why, true); // logged below
        log.add(Kind.CONFIG, "invalid configuration: " + why);
        if (e == null) {
            InterfaceEngine.LOG.warn("MQTT interface {}: invalid configuration: {}", name, why);
        } else {
            InterfaceEngine.LOG.error("MQTT interface {}: {}", name, why, e);
        }
    }

    private void applyOnLoop(InterfaceSettings next) {
        InterfaceSettings previous = state.settings();
        log.configure(next.logSize(), next.showLogs());
        try {
            queue.open(next.name(), next.queue());
        } catch (InvalidSettingException e) {
            applyFailed(next.name(), e.getMessage(), null);
            return;
        } catch (IOException | RuntimeException e) {
            state.setSettings(null);
            connection.close(true);
            state.setName(next.name());
            queue.writeFailed("cannot open it: " + ErrorText.describe(e));
            state.setLastError(queue.failure());
            state.setState(ConnectionState.DISCONNECTED, "waiting for the queue; tried again in " + QUEUE_RETRY_MILLIS + " ms");
            loop.after(QUEUE_RETRY_MILLIS, TimeUnit.MILLISECONDS, () -> apply(next)); // cancelled by a newer configuration
            return;
        }
        state.setName(next.name());
        state.setSettings(next);
        reportWarnings(next);
        boolean reconnect = previous == null || previous.enabled() != next.enabled()
                || !previous.connection().equals(next.connection());
        log.add(Kind.CONFIG, "configuration applied" + (reconnect ? "" : " (connection unchanged)"));
        InterfaceEngine.LOG.info("MQTT interface {}: configuration applied{}", next.name(), reconnect ? "" : " (connection unchanged)");
        if (!reconnect) {
            if (state.state() == ConnectionState.INVALID_CONFIGURATION) {
                state.setState(ConnectionState.DISCONNECTED, "configuration fixed");
            }
            connection.send();
            return;
        }
        connection.restart(next);
    }

    private void reportWarnings(InterfaceSettings next) {
        List<String> now = next.warnings();
        if (!now.equals(state.warnings())) {
            for (String warning : now) {
                log.add(Kind.CONFIG, "warning: " + warning);
                InterfaceEngine.LOG.warn("MQTT interface {}: {}", next.name(), warning);
            }
        }
        state.setWarnings(now);
    }
}
