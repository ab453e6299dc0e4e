package io.flowmqtt.benchmark;

/**
 * When each message of a fixed-rate phase is due: message {@code i} at {@code start + i / rate}, whatever happened
 * to the ones before it. Latency is measured from this intended time, not from when a connection got round to
 * sending, so a stall of the system under test shows as the latency of every message that waited behind it
 * (no coordinated omission).
 */
public final class OpenLoopSchedule {
    private final long startNanos;
    private final int rate;
    private final long count;

    public OpenLoopSchedule(long startNanos, int rate, int seconds) {
        if (rate <= 0 || seconds <= 0) {
            throw new IllegalArgumentException("rate and seconds must be positive, got " + rate + " and " + seconds);
        }
        this.startNanos = startNanos;
        this.rate = rate;
        this.count = (long) rate * seconds;
    }

    /** How many messages the phase sends. */
    public long count() {
        return count;
    }

    /** The intended send time of message {@code i} (0-based), in {@link System#nanoTime()} terms. */
    public long dueNanos(long i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("message " + i + " of " + count);
        }
        // multiply before dividing: no rounding drift over a long phase
        return startNanos + i * 1_000_000_000L / rate;
    }
}
