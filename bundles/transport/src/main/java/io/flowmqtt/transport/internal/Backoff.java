package io.flowmqtt.transport.internal;

import java.util.function.DoubleSupplier;

/**
 * Jittered exponential backoff, one per interface: the delay doubles with every failed round up to
 * the maximum, and each delay is drawn uniformly from its upper half ("equal jitter"), so that many
 * devices that lost the same broker do not come back in lock step.
 */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private final DoubleSupplier random;
    private int failures;

    Backoff(long minMillis, long maxMillis, DoubleSupplier random) {
        this.minMillis = minMillis;
        this.maxMillis = Math.max(minMillis, maxMillis);
        this.random = random;
    }

    /** The delay before the next attempt, counting one more failure. */
    long nextDelayMillis() {
        long ceiling = minMillis;
        for (int i = 0; i < failures && ceiling < maxMillis; i++) {
            ceiling = Math.min(maxMillis, ceiling * 2);
        }
        failures++;
        long half = ceiling / 2;
        return half + (long) (random.getAsDouble() * (ceiling - half));
    }

    void reset() {
        failures = 0;
    }

    int failures() {
        return failures;
    }
}
