package io.flowmqtt.api.status;

import java.util.List;
import java.util.Objects;

/**
 * A snapshot of one interface. Contains no secret: addresses are shown without user info.
 *
 * <p>Built with {@link #builder()}; a field left unset is {@code null}, except {@code maxQos} (-1),
 * {@code counters} (all zero), {@code certificates} and {@code warnings} (empty).
 */
public final class InterfaceStatus {
    private final String name;
    private final ConnectionState state;
    private final String broker;
    private final String detail;
    private final long since;
    private final Counters counters;
    private final String lastError;
    private final List<CertificateInfo> certificates;
    private final int maxQos;
    private final List<String> warnings;

    private InterfaceStatus(Builder b) {
        this.name = b.name;
        this.state = b.state;
        this.broker = b.broker;
        this.detail = b.detail;
        this.since = b.since;
        this.counters = b.counters;
        this.lastError = b.lastError;
        this.certificates = List.copyOf(b.certificates);
        this.maxQos = b.maxQos;
        this.warnings = List.copyOf(b.warnings);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this snapshot's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().name(name).state(state).broker(broker).detail(detail).since(since).counters(counters)
                .lastError(lastError).certificates(certificates).maxQos(maxQos).warnings(warnings);
    }

    /** The interface's name. */
    public String name() { return name; }

    /** Connection state. */
    public ConnectionState state() { return state; }

    /** The broker connected to, or being tried, or last tried ({@code null} if none). */
    public String broker() { return broker; }

    /** Human-readable detail: why disconnected and the next attempt, which property is invalid and why, ... */
    public String detail() { return detail; }

    /** When {@link #state()} was entered, epoch milliseconds. */
    public long since() { return since; }

    /** Counters. */
    public Counters counters() { return counters; }

    /** The last error, or {@code null}. */
    public String lastError() { return lastError; }

    /** The configured certificates with their expiry. */
    public List<CertificateInfo> certificates() { return certificates; }

    /**
     * The highest QoS the broker granted on this connection (messages are sent at most at this QoS), or -1 while it
     * is not known (not connected yet).
     */
    public int maxQos() { return maxQos; }

    /**
     * Configuration values that are valid MQTT but that common brokers refuse (a space or a {@code .} in a topic
     * level for NATS, ...), one sentence each; empty when there are none.
     */
    public List<String> warnings() { return warnings; }

    @Override
    public boolean equals(Object o) {
        return o instanceof InterfaceStatus s && since == s.since && maxQos == s.maxQos && state == s.state
                && Objects.equals(name, s.name) && Objects.equals(broker, s.broker) && Objects.equals(detail, s.detail)
                && Objects.equals(counters, s.counters) && Objects.equals(lastError, s.lastError)
                && certificates.equals(s.certificates) && warnings.equals(s.warnings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, state, broker, detail, since, counters, lastError, certificates, maxQos, warnings);
    }

    @Override
    public String toString() {
        return "InterfaceStatus[name=" + name + ", state=" + state + ", broker=" + broker + ", detail=" + detail
                + ", since=" + since + ", counters=" + counters + ", lastError=" + lastError + ", certificates="
                + certificates + ", maxQos=" + maxQos + ", warnings=" + warnings + "]";
    }

    /** Collects the values of an {@link InterfaceStatus}. */
    public static final class Builder {
        private String name;
        private ConnectionState state;
        private String broker;
        private String detail;
        private long since;
        private Counters counters = Counters.builder().build();
        private String lastError;
        private List<CertificateInfo> certificates = List.of();
        private int maxQos = -1;
        private List<String> warnings = List.of();

        private Builder() {
        }

        public Builder name(String name) { this.name = name; return this; }
        public Builder state(ConnectionState state) { this.state = state; return this; }
        public Builder broker(String broker) { this.broker = broker; return this; }
        public Builder detail(String detail) { this.detail = detail; return this; }
        public Builder since(long since) { this.since = since; return this; }
        public Builder counters(Counters counters) { this.counters = counters; return this; }
        public Builder lastError(String lastError) { this.lastError = lastError; return this; }

        public Builder certificates(List<CertificateInfo> certificates) {
            this.certificates = Objects.requireNonNull(certificates, "certificates (use an empty list for none)");
            return this;
        }

        public Builder maxQos(int maxQos) { this.maxQos = maxQos; return this; }

        public Builder warnings(List<String> warnings) {
            this.warnings = Objects.requireNonNull(warnings, "warnings (use an empty list for none)");
            return this;
        }

        public InterfaceStatus build() {
            return new InterfaceStatus(this);
        }
    }
}
