package io.flowmqtt.api;

import java.util.List;

/**
 * A snapshot of one interface. Contains no secret: addresses are shown without user info.
 *
 * @param name         the interface's name
 * @param state        connection state
 * @param broker       the broker connected to, or being tried, or last tried ({@code null} if none)
 * @param detail       human-readable detail: why disconnected and the next attempt, which property is
 *                     invalid and why, ...
 * @param since        when {@code state} was entered, epoch milliseconds
 * @param counters     counters
 * @param lastError    the last error, or {@code null}
 * @param certificates the configured certificates with their expiry
 * @param maxQos       the highest QoS the broker granted on this connection (messages are sent at most at this
 *                     QoS), or -1 while it is not known (not connected yet)
 * @param warnings     configuration values that are valid MQTT but that common brokers refuse (a space or a
 *                     {@code .} in a topic level for NATS, ...), one sentence each; empty when there are none
 */
public record InterfaceStatus(String name, ConnectionState state, String broker, String detail, long since,
                              Counters counters, String lastError, List<CertificateInfo> certificates,
                              int maxQos, List<String> warnings) {
    public InterfaceStatus {
        certificates = List.copyOf(certificates);
        warnings = List.copyOf(warnings);
    }

    /** The status of API 1.0, without broker QoS and warnings. */
    public InterfaceStatus(String name, ConnectionState state, String broker, String detail, long since,
                           Counters counters, String lastError, List<CertificateInfo> certificates) {
        this(name, state, broker, detail, since, counters, lastError, certificates, -1, List.of());
    }
}
