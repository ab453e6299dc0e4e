package io.flowmqtt.api.status;

import java.util.Objects;

/**
 * An interface's counters since it was configured (the queue depth survives restarts, the rest start from zero
 * with the runtime). Built with {@link #builder()}; a counter left unset is 0.
 */
public final class Counters {
    private final long queued;
    private final long queuedBytes;
    private final long accepted;
    private final long published;
    private final long delivered;
    private final long dropped;
    private final long rejected;
    private final long failed;
    private final long connects;
    private final long reconnects;
    private final long deadLettered;

    private Counters(Builder b) {
        this.queued = b.queued;
        this.queuedBytes = b.queuedBytes;
        this.accepted = b.accepted;
        this.published = b.published;
        this.delivered = b.delivered;
        this.dropped = b.dropped;
        this.rejected = b.rejected;
        this.failed = b.failed;
        this.connects = b.connects;
        this.reconnects = b.reconnects;
        this.deadLettered = b.deadLettered;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these counters, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().queued(queued).queuedBytes(queuedBytes).accepted(accepted).published(published)
                .delivered(delivered).dropped(dropped).rejected(rejected).failed(failed).connects(connects)
                .reconnects(reconnects).deadLettered(deadLettered);
    }

    /** Messages in the queue now, not yet delivered (includes those in flight). */
    public long queued() { return queued; }

    /** Payload bytes of the queued messages. */
    public long queuedBytes() { return queuedBytes; }

    /** Messages accepted into the queue. */
    public long accepted() { return accepted; }

    /** PUBLISH packets handed to the client, retransmissions after a reconnect included. */
    public long published() { return published; }

    /** Messages whose delivery completed (QoS 0: written; QoS 1: PUBACK; QoS 2: PUBCOMP). */
    public long delivered() { return delivered; }

    /** Messages dropped by the queue's drop policy. */
    public long dropped() { return dropped; }

    /** Messages refused (interface disabled or invalid, message unusable). */
    public long rejected() { return rejected; }

    /** Publish attempts that failed and were left in the queue for a retry. */
    public long failed() { return failed; }

    /** Successful connections. */
    public long connects() { return connects; }

    /** Connection attempts after the first, successful or not. */
    public long reconnects() { return reconnects; }

    /**
     * Messages in the interface's dead-letter file ({@code <queue folder>/dead-letters.jsonl}), taken out of the
     * queue because the broker closed the connection on them again and again; counted from the file, so it
     * survives restarts.
     */
    public long deadLettered() { return deadLettered; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Counters c && queued == c.queued && queuedBytes == c.queuedBytes
                && accepted == c.accepted && published == c.published && delivered == c.delivered
                && dropped == c.dropped && rejected == c.rejected && failed == c.failed && connects == c.connects
                && reconnects == c.reconnects && deadLettered == c.deadLettered;
    }

    @Override
    public int hashCode() {
        return Objects.hash(queued, queuedBytes, accepted, published, delivered, dropped, rejected, failed, connects,
                reconnects, deadLettered);
    }

    @Override
    public String toString() {
        return "Counters[queued=" + queued + ", queuedBytes=" + queuedBytes + ", accepted=" + accepted
                + ", published=" + published + ", delivered=" + delivered + ", dropped=" + dropped + ", rejected="
                + rejected + ", failed=" + failed + ", connects=" + connects + ", reconnects=" + reconnects
                + ", deadLettered=" + deadLettered + "]";
    }

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
            return new Counters(this);
        }
    }
}
