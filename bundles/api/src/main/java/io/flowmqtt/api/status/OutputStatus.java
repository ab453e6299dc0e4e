package io.flowmqtt.api.status;

import java.util.Objects;

/**
 * A snapshot of one output (factory configuration {@code flow.mqtt.output}). Built with {@link #builder()}; a
 * field left unset is {@code null} or 0.
 */
public final class OutputStatus {
    private final String name;
    private final String interfaceName;
    private final String source;
    private final OutputState state;
    private final String detail;
    private final long received;
    private final long published;
    private final long filtered;
    private final long coalesced;
    private final long rejected;
    private final long lastPublishedAt;

    private OutputStatus(Builder b) {
        this.name = b.name;
        this.interfaceName = b.interfaceName;
        this.source = b.source;
        this.state = b.state;
        this.detail = b.detail;
        this.received = b.received;
        this.published = b.published;
        this.filtered = b.filtered;
        this.coalesced = b.coalesced;
        this.rejected = b.rejected;
        this.lastPublishedAt = b.lastPublishedAt;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this snapshot's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().name(name).interfaceName(interfaceName).source(source).state(state).detail(detail)
                .received(received).published(published).filtered(filtered).coalesced(coalesced).rejected(rejected)
                .lastPublishedAt(lastPublishedAt);
    }

    /** The output's name. */
    public String name() { return name; }

    /** The interface it publishes through. */
    public String interfaceName() { return interfaceName; }

    /** The data-source type it takes events from. */
    public String source() { return source; }

    /** Where it stands. */
    public OutputState state() { return state; }

    /** Why, in words ("waiting for source network", "policy: 'creat' is not ..."). */
    public String detail() { return detail; }

    /** Events received from the source. */
    public long received() { return received; }

    /** Messages handed to the interface and queued there. */
    public long published() { return published; }

    /** Events left out by the policy or the widget selection. */
    public long filtered() { return filtered; }

    /** Updates replaced by a newer update of the same event (minUpdateInterval). */
    public long coalesced() { return coalesced; }

    /** Messages the interface did not queue (queue full with drop policy NEWEST, interface invalid, ...). */
    public long rejected() { return rejected; }

    /**
     * When a message was last handed to the interface and queued there, epoch milliseconds; 0 if never since the
     * runtime started.
     */
    public long lastPublishedAt() { return lastPublishedAt; }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputStatus s && state == s.state && received == s.received && published == s.published
                && filtered == s.filtered && coalesced == s.coalesced && rejected == s.rejected
                && lastPublishedAt == s.lastPublishedAt && Objects.equals(name, s.name)
                && Objects.equals(interfaceName, s.interfaceName) && Objects.equals(source, s.source)
                && Objects.equals(detail, s.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, interfaceName, source, state, detail, received, published, filtered, coalesced,
                rejected, lastPublishedAt);
    }

    @Override
    public String toString() {
        return "OutputStatus[name=" + name + ", interfaceName=" + interfaceName + ", source=" + source + ", state="
                + state + ", detail=" + detail + ", received=" + received + ", published=" + published
                + ", filtered=" + filtered + ", coalesced=" + coalesced + ", rejected=" + rejected
                + ", lastPublishedAt=" + lastPublishedAt + "]";
    }

    /** Collects the values of an {@link OutputStatus}. */
    public static final class Builder {
        private String name;
        private String interfaceName;
        private String source;
        private OutputState state;
        private String detail;
        private long received;
        private long published;
        private long filtered;
        private long coalesced;
        private long rejected;
        private long lastPublishedAt;

        private Builder() {
        }

        public Builder name(String name) { this.name = name; return this; }
        public Builder interfaceName(String interfaceName) { this.interfaceName = interfaceName; return this; }
        public Builder source(String source) { this.source = source; return this; }
        public Builder state(OutputState state) { this.state = state; return this; }
        public Builder detail(String detail) { this.detail = detail; return this; }
        public Builder received(long received) { this.received = received; return this; }
        public Builder published(long published) { this.published = published; return this; }
        public Builder filtered(long filtered) { this.filtered = filtered; return this; }
        public Builder coalesced(long coalesced) { this.coalesced = coalesced; return this; }
        public Builder rejected(long rejected) { this.rejected = rejected; return this; }
        public Builder lastPublishedAt(long lastPublishedAt) { this.lastPublishedAt = lastPublishedAt; return this; }

        public OutputStatus build() {
            return new OutputStatus(this);
        }
    }
}
