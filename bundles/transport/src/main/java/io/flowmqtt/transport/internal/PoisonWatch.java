package io.flowmqtt.transport.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Finds a message that the broker answers by closing the connection (NATS on a QoS 2 publish or on a topic
 * it refuses, a broker whose ACL or size limit disconnects, ...). Without this, such a message at the head
 * of the queue is sent again after every reconnect, forever, and nothing behind it is ever delivered.
 *
 * <p>A connection lost while messages were in flight makes the sender <em>careful</em>: until the newest of
 * them is delivered, it sends one message at a time, so a loss points at exactly one message. When the
 * connection is lost {@value #STRIKES} times within {@value #REACTION_MILLIS} ms of sending the same message,
 * that message is given up (parked as a dead letter by the engine) and the rest goes on.
 *
 * <p>{@link #window} and {@link #delivered} are called by the sending threads; {@link #connectionLost} on
 * the engine's loop.
 */
final class PoisonWatch {
    static final int STRIKES = 3;
    static final long REACTION_MILLIS = 5_000;

    private final LongSupplier clock;
    private final Map<Long, Integer> strikes = new ConcurrentHashMap<>();
    private volatile long carefulUntil; // 0: not careful; otherwise one at a time until this seq is delivered

    PoisonWatch(LongSupplier clock) {
        this.clock = clock;
    }

    /** How many messages may be in flight: one while careful, otherwise the configured window. */
    int window(int configured) {
        return carefulUntil != 0 ? 1 : configured;
    }

    boolean careful() {
        return carefulUntil != 0;
    }

    void delivered(long seq) {
        if (!strikes.isEmpty()) {
            strikes.remove(seq);
        }
        long until = carefulUntil;
        if (until != 0 && seq >= until) {
            carefulUntil = 0;
        }
    }

    /** Strikes counted against {@code seq} so far. */
    int strikes(long seq) {
        return strikes.getOrDefault(seq, 0);
    }

    /**
     * The connection was lost with {@code inflight} (oldest first) unacknowledged, the last message having
     * been sent at {@code lastSentAt}. Returns the seq to give up, or -1.
     */
    long connectionLost(List<Long> inflight, long lastSentAt) {
        if (inflight.isEmpty()) {
            return -1;
        }
        boolean reaction = clock.getAsLong() - lastSentAt <= REACTION_MILLIS;
        if (carefulUntil != 0 && inflight.size() == 1 && reaction) {
            long suspect = inflight.get(0);
            if (strikes.merge(suspect, 1, Integer::sum) >= STRIKES) {
                strikes.remove(suspect);
                return suspect;
            }
        }
        carefulUntil = Math.max(carefulUntil, inflight.get(inflight.size() - 1));
        return -1;
    }

    /** A new configuration or a rebuilt queue: nothing is suspected any more. */
    void reset() {
        strikes.clear();
        carefulUntil = 0;
    }
}
