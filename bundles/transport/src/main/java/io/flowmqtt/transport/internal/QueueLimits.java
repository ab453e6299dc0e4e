package io.flowmqtt.transport.internal;

import java.util.Objects;

/**
 * Capacity of an interface's queue, counting only undelivered messages, and what to drop when it is full.
 * The queue is held in memory as well as on disk, so the upper bounds also bound the heap it can take.
 */
public record QueueLimits(int maxMessages, long maxBytes, DropPolicy dropPolicy) {
    /** At most this many messages: each costs some 100 bytes of heap besides its payload. */
    public static final int MAX_MESSAGES = 10_000_000;
    /** At most 1 GiB of payloads: all of them stay in the heap while queued. */
    public static final long MAX_BYTES = 1L << 30;

    public enum DropPolicy { OLDEST, NEWEST }

    public QueueLimits {
        if (maxMessages < 1 || maxMessages > MAX_MESSAGES) {
            throw new IllegalArgumentException("queueMaxMessages must be between 1 and " + MAX_MESSAGES + ", was " + maxMessages);
        }
        if (maxBytes < 1 || maxBytes > MAX_BYTES) {
            throw new IllegalArgumentException("queueMaxBytes must be between 1 and " + MAX_BYTES + " (1 GiB), was " + maxBytes);
        }
        Objects.requireNonNull(dropPolicy, "dropPolicy");
    }
}
