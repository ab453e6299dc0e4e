package io.flowmqtt.transport.internal;

import java.util.Optional;

/**
 * Whether an interface's queue, full, fits in this runtime's heap. The queue keeps every undelivered message
 * in memory as well as in its journal, so a capacity larger than the heap turns a long outage into an
 * {@link OutOfMemoryError}: the process ends (bin/flow: ExitOnOutOfMemoryError) and the journal is replayed at
 * the next start, where the same backlog needs the same memory again. Said once, as a warning of the settings,
 * it is an operator's decision instead of a surprise during the outage.
 */
final class HeapRoom {
    /** Heap a queued message takes besides its payload: the entry, its topic string, its place in the order. */
    static final long BYTES_PER_MESSAGE = 200;
    /** The share of the heap one full queue may take; the rest is for the runtime's own live data. */
    static final double SHARE = 0.5;

    private HeapRoom() {
    }

    /** A sentence when a full queue with {@code limits} could take more than its share of {@code maxHeap} bytes. */
    static Optional<String> check(QueueLimits limits, long maxHeap) {
        long worst = limits.maxBytes() + (long) limits.maxMessages() * BYTES_PER_MESSAGE;
        if (maxHeap == Long.MAX_VALUE || worst <= maxHeap * SHARE) {
            return Optional.empty();
        }
        return Optional.of("a full queue (queueMaxBytes=" + limits.maxBytes() + ", queueMaxMessages=" + limits.maxMessages()
                + ") can take some " + mib(worst) + " MiB of heap, more than half of this runtime's heap cap of " + mib(maxHeap)
                + " MiB: during a long outage the runtime would run out of memory; lower queueMaxBytes or queueMaxMessages,"
                + " or raise the cap (bin/flow: FLOW_HEAP_MAX)");
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 19)) >> 20;
    }
}
