package io.flowmqtt.transport.internal;

import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.LogEntry.Kind;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What an interface is and says about itself: the settings in force, its name, its connection state with
 * the sentence that explains it, the broker, the last error, the QoS the broker takes and the warnings of
 * the settings. Read from any thread, written on the engine's loop. Every change of state is one line in
 * flow.log and the communication log.
 */
final class EngineState {
    private final CommunicationLog log;
    private final InterfaceQueue queue;
    private final LongSupplier clock;

    private volatile InterfaceSettings settings;
    private volatile String name;
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile String broker;
    private volatile String detail = "starting";
    private volatile long since;
    private volatile String lastError;
    private volatile int brokerMaxQos = -1;
    private volatile List<String> warnings = List.of(); // of the settings applied

    EngineState(String initialName, CommunicationLog log, InterfaceQueue queue, LongSupplier clock) {
        this.name = initialName;
        this.log = log;
        this.queue = queue;
        this.clock = clock;
        this.since = clock.getAsLong();
    }

    /** The valid settings in force, or {@code null} while there are none. */
    InterfaceSettings settings() {
        return settings;
    }

    void setSettings(InterfaceSettings settings) {
        this.settings = settings;
    }

    String name() {
        return name;
    }

    void setName(String name) {
        this.name = name;
    }

    ConnectionState state() {
        return state;
    }

    /** Why the interface is in its state. */
    String detail() {
        return detail;
    }

    /** When the state last changed. */
    long since() {
        return since;
    }

    /** The broker connected to or last tried, or {@code null} before the first attempt. */
    String broker() {
        return broker;
    }

    void setBroker(String broker) {
        this.broker = broker;
    }

    String lastError() {
        return lastError;
    }

    void setLastError(String lastError) {
        this.lastError = lastError;
    }

    /** The highest QoS the broker granted on this connection, or -1 while it is not known. */
    int brokerMaxQos() {
        return brokerMaxQos;
    }

    void setBrokerMaxQos(int brokerMaxQos) {
        this.brokerMaxQos = brokerMaxQos;
    }

    /** The warnings of the settings applied last. */
    List<String> warnings() {
        return warnings;
    }

    void setWarnings(List<String> warnings) {
        this.warnings = warnings;
    }

    void setState(ConnectionState next, String why) {
        setState(next, why, false);
    }

    /**
     * Every change of state is one line in flow.log: here, or, with {@code logged}, the caller's own line
     * that says more (a refused configuration, a failed connect, a lost connection, "connected to").
     */
    void setState(ConnectionState next, String why, boolean logged) {
        if (next != state) {
            since = clock.getAsLong();
            log.add(Kind.STATE, state.name().toLowerCase() + " -> " + next.name().toLowerCase() + ": " + why);
            if (!logged && (next == ConnectionState.INVALID_CONFIGURATION || queue.failure() != null)) {
                InterfaceEngine.LOG.warn("MQTT interface {}: {} -> {}: {}", name, state, next, why);
            } else if (!logged) {
                InterfaceEngine.LOG.info("MQTT interface {}: {} -> {}: {}", name, state, next, why);
            }
        }
        state = next;
        detail = why;
    }
}
