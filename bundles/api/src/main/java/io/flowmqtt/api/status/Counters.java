package io.flowmqtt.api.status;

/**
 * An interface's counters since it was configured (the queue depth survives restarts, the rest start from zero
 * with the runtime). Built with {@link #builder()}; a counter left unset is 0.
 */
public final class Counters extends RecordBacked {
    /** All values in one record: {@link RecordBacked} compares and prints them. */
    private record Values(long queued, long queuedBytes, long accepted, long published, long delivered, long dropped,
            long rejected, long failed, long connects, long reconnects, long deadLettered) {
    }

    private final Values v;

    private Counters(Values v) {
        super(v);
        this.v = v;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these counters, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().queued(v.queued()).queuedBytes(v.queuedBytes()).accepted(v.accepted())
                .published(v.published()).delivered(v.delivered()).dropped(v.dropped()).rejected(v.rejected())
                .failed(v.failed()).connects(v.connects()).reconnects(v.reconnects()).deadLettered(v.deadLettered());
    }

    /** Messages in the queue now, not yet delivered (includes those in flight). */
    public long queued() { return v.queued(); }

    /** Payload bytes of the queued messages. */
    public long queuedBytes() { return v.queuedBytes(); }

    /** Messages accepted into the queue. */
    public long accepted() { return v.accepted(); }

    /** PUBLISH packets handed to the client, retransmissions after a reconnect included. */
    public long published() { return v.published(); }

    /** Messages whose delivery completed (QoS 0: written; QoS 1: PUBACK; QoS 2: PUBCOMP). */
    public long delivered() { return v.delivered(); }

    /** Messages dropped by the queue's drop policy. */
    public long dropped() { return v.dropped(); }

    /** Messages refused (interface disabled or invalid, message unusable). */
    public long rejected() { return v.rejected(); }

    /** Publish attempts that failed and were left in the queue for a retry. */
    public long failed() { return v.failed(); }

    /** Successful connections. */
    public long connects() { return v.connects(); }

    /** Connection attempts after the first, successful or not. */
    public long reconnects() { return v.reconnects(); }

    /**
     * Messages in the interface's dead-letter file ({@code <queue folder>/dead-letters.jsonl}), taken out of the
     * queue because the broker closed the connection on them again and again; counted from the file, so it
     * survives restarts.
     */
    public long deadLettered() { return v.deadLettered(); }

    /** Collects the values of {@link Counters}. */
    public static final class Builder {
        private long queued;
        private long queuedBytes;
        private long accepted;
        private long published;
        private long delivered;
        private long dropped;
        private long rejected;
        private long failed;
        private long connects;
        private long reconnects;
        private long deadLettered;

        private Builder() {
        }

        public Builder queued(long queued) { this.queued = queued; return this; }
        public Builder queuedBytes(long queuedBytes) { this.queuedBytes = queuedBytes; return this; }
        public Builder accepted(long accepted) { this.accepted = accepted; return this; }
        public Builder published(long published) { this.published = published; return this; }
        public Builder delivered(long delivered) { this.delivered = delivered; return this; }
        public Builder dropped(long dropped) { this.dropped = dropped; return this; }
        public Builder rejected(long rejected) { this.rejected = rejected; return this; }
        public Builder failed(long failed) { this.failed = failed; return this; }
        public Builder connects(long connects) { this.connects = connects; return this; }
        public Builder reconnects(long reconnects) { this.reconnects = reconnects; return this; }
        public Builder deadLettered(long deadLettered) { this.deadLettered = deadLettered; return this; }

        public Counters build() {
            return new Counters(new Values(queued, queuedBytes, accepted, published, delivered, dropped, rejected,
                    failed, connects, reconnects, deadLettered));
        }
    }
}
