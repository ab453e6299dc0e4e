package io.flowmqtt.api;

/**
 * An interface's counters since it was configured (the queue depth survives restarts, the rest
 * start from zero with the runtime).
 *
 * @param queued     messages in the queue now, not yet delivered (includes those in flight)
 * @param queuedBytes payload bytes of those messages
 * @param accepted   messages accepted into the queue
 * @param published  PUBLISH packets handed to the client, retransmissions after a reconnect included
 * @param delivered  messages whose delivery completed (QoS 0: written; QoS 1: PUBACK; QoS 2: PUBCOMP)
 * @param dropped    messages dropped by the queue's drop policy
 * @param rejected   messages refused (interface disabled or invalid, message unusable)
 * @param failed     publish attempts that failed and were left in the queue for a retry
 * @param connects   successful connections
 * @param reconnects connection attempts after the first, successful or not
 * @param deadLettered messages in the interface's dead-letter file ({@code <queue folder>/dead-letters.jsonl}),
 *                   taken out of the queue because the broker closed the connection on them again and again;
 *                   counted from the file, so it survives restarts
 */
public record Counters(long queued, long queuedBytes, long accepted, long published, long delivered,
                       long dropped, long rejected, long failed, long connects, long reconnects, long deadLettered) {
    /** The counters of API 1.0, without {@code deadLettered}. */
    public Counters(long queued, long queuedBytes, long accepted, long published, long delivered,
                    long dropped, long rejected, long failed, long connects, long reconnects) {
        this(queued, queuedBytes, accepted, published, delivered, dropped, rejected, failed, connects, reconnects, 0);
    }
}
