package io.flowmqtt.api.status;

import java.util.List;
import java.util.Objects;

/**
 * A snapshot of one interface. Contains no secret: addresses are shown without user info.
 *
 * <p>Built with {@link #builder()}; a field left unset is {@code null}, except {@code maxQos} (-1),
 * {@code counters} (all zero), {@code certificates} and {@code warnings} (empty).
 */
public final class InterfaceStatus extends RecordBacked {
    /** All values in one record: {@link RecordBacked} compares and prints them. */
    private record Values(String name, ConnectionState state, String broker, String detail, long since,
            Counters counters, String lastError, List<CertificateInfo> certificates, int maxQos,
            List<String> warnings) {
    }

    private final Values v;

    private InterfaceStatus(Values v) {
        super(v);
        this.v = v;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this snapshot's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().name(v.name()).state(v.state()).broker(v.broker()).detail(v.detail()).since(v.since())
                .counters(v.counters()).lastError(v.lastError()).certificates(v.certificates()).maxQos(v.maxQos())
                .warnings(v.warnings());
    }

    /** The interface's name. */
    public String name() { return v.name(); }

    /** Connection state. */
    public ConnectionState state() { return v.state(); }

    /** The broker connected to, or being tried, or last tried ({@code null} if none). */
    public String broker() { return v.broker(); }

    /** Human-readable detail: why disconnected and the next attempt, which property is invalid and why, ... */
    public String detail() { return v.detail(); }

    /** When {@link #state()} was entered, epoch milliseconds. */
    public long since() { return v.since(); }

    /** Counters. */
    public Counters counters() { return v.counters(); }

    /** The last error, or {@code null}. */
    public String lastError() { return v.lastError(); }

    /** The configured certificates with their expiry. */
    public List<CertificateInfo> certificates() { return v.certificates(); }

    /**
     * The highest QoS the broker granted on this connection (messages are sent at most at this QoS), or -1 while it
     * is not known (not connected yet).
     */
    public int maxQos() { return v.maxQos(); }

    /**
     * Configuration values that are valid MQTT but that common brokers refuse (a space or a {@code .} in a topic
     * level for NATS, ...), one sentence each; empty when there are none.
     */
    public List<String> warnings() { return v.warnings(); }

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
            return new InterfaceStatus(new Values(name, state, broker, detail, since, counters, lastError,
                    List.copyOf(certificates), maxQos, List.copyOf(warnings)));
        }
    }
}
