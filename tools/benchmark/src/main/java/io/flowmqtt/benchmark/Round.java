package io.flowmqtt.benchmark;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the subscriber saw of one round of load: every message of the round, the ones that arrived inside the
 * measuring window (throughput), and the latency of each from its intended send time.
 */
public final class Round implements Subscriber.Sink {
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);

    private final long id = IDS.incrementAndGet();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong inWindow = new AtomicLong();
    private final Latencies latencies = new Latencies();
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    private volatile long latencyFrom = Long.MIN_VALUE;

    public long id() {
        return id;
    }

    /** Messages arriving from {@code startNanos} until {@code endNanos} count as the window's. */
    public void window(long startNanos, long endNanos) {
        windowEnd = endNanos;
        windowStart = startNanos;
    }

    /** Only messages due from {@code dueNanos} on are timed (the warm-up's are not). */
    public void timeFrom(long dueNanos) {
        latencyFrom = dueNanos;
    }

    @Override
    public void arrived(String topic, Payloads.Mark mark, long arrivedNanos) {
        if (mark == null || mark.round() != id) {
            return;
        }
        total.incrementAndGet();
        if (arrivedNanos >= windowStart && arrivedNanos < windowEnd) {
            inWindow.incrementAndGet();
        }
        if (mark.dueNanos() >= latencyFrom) {
            latencies.add(arrivedNanos - mark.dueNanos());
        }
    }

    public long total() {
        return total.get();
    }

    public long inWindow() {
        return inWindow.get();
    }

    public Latencies latencies() {
        return latencies;
    }

    /** Waits until {@code count} messages of the round arrived or {@code timeoutMillis} passed; true if they did. */
    public boolean awaitTotal(long count, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (total.get() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10); // polling a counter with a deadline
        }
        return true;
    }
}
