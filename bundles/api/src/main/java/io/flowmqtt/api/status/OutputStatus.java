package io.flowmqtt.api.status;

/**
 * A snapshot of one output (factory configuration {@code flow.mqtt.output}). Built with {@link #builder()}; a
 * field left unset is {@code null} or 0.
 */
public final class OutputStatus extends RecordBacked {
    /** All values in one record: {@link RecordBacked} compares and prints them. */
    private record Values(String name, String interfaceName, String source, OutputState state, String detail,
            long received, long published, long filtered, long coalesced, long rejected, long lastPublishedAt) {
    }

    private final Values v;

    private OutputStatus(Values v) {
        super(v);
        this.v = v;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this snapshot's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().name(v.name()).interfaceName(v.interfaceName()).source(v.source()).state(v.state())
                .detail(v.detail()).received(v.received()).published(v.published()).filtered(v.filtered())
                .coalesced(v.coalesced()).rejected(v.rejected()).lastPublishedAt(v.lastPublishedAt());
    }

    /** The output's name. */
    public String name() { return v.name(); }

    /** The interface it publishes through. */
    public String interfaceName() { return v.interfaceName(); }

    /** The data-source type it takes events from. */
    public String source() { return v.source(); }

    /** Where it stands. */
    public OutputState state() { return v.state(); }

    /** Why, in words ("waiting for source network", "policy: 'creat' is not ..."). */
    public String detail() { return v.detail(); }

    /** Events received from the source. */
    public long received() { return v.received(); }

    /** Messages handed to the interface and queued there. */
    public long published() { return v.published(); }

    /** Events left out by the policy or the widget selection. */
    public long filtered() { return v.filtered(); }

    /** Updates replaced by a newer update of the same event (minUpdateInterval). */
    public long coalesced() { return v.coalesced(); }

    /** Messages the interface did not queue (queue full with drop policy NEWEST, interface invalid, ...). */
    public long rejected() { return v.rejected(); }

    /**
     * When a message was last handed to the interface and queued there, epoch milliseconds; 0 if never since the
     * runtime started.
     */
    public long lastPublishedAt() { return v.lastPublishedAt(); }

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
            return new OutputStatus(new Values(name, interfaceName, source, state, detail, received, published,
                    filtered, coalesced, rejected, lastPublishedAt));
        }
    }
}
