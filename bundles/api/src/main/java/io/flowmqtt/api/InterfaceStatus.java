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
 */
public record InterfaceStatus(String name, ConnectionState state, String broker, String detail, long since,
                              Counters counters, String lastError, List<CertificateInfo> certificates) {
    public InterfaceStatus {
        certificates = List.copyOf(certificates);
    }
}
