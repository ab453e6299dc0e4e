package io.flowmqtt.source.system.internal;

/**
 * CPU usage from the kernel's cumulative tick counters: the busy share of the ticks between a
 * reference reading and now. The reference moves on only when at least {@code minWindowMillis}
 * have passed, so two subscribers sampling a few milliseconds apart do not get a usage measured
 * over a window too short to mean anything; they get the last value instead.
 */
final class CpuUsageMeter {
    private final long minWindowMillis;
    private boolean hasReference;
    private long referenceIdle;
    private long referenceTotal;
    private long referenceMillis;
    private Double last;

    CpuUsageMeter(long minWindowMillis) {
        this.minWindowMillis = minWindowMillis;
    }

    /**
     * @param idleTicks  cumulative idle (including I/O wait) ticks
     * @param totalTicks cumulative ticks of all kinds
     * @param nowMillis  a monotonic clock
     * @return usage in percent with one decimal, or {@code null} before the first full window
     */
    synchronized Double update(long idleTicks, long totalTicks, long nowMillis) {
        if (!hasReference) {
            reference(idleTicks, totalTicks, nowMillis);
            return last;
        }
        long idle = idleTicks - referenceIdle;
        long total = totalTicks - referenceTotal;
        if (idle < 0 || total < 0 || idle > total) {
            // Counters went backwards (wrapped or reset): start over.
            reference(idleTicks, totalTicks, nowMillis);
            last = null;
            return null;
        }
        if (nowMillis - referenceMillis < minWindowMillis || total == 0) {
            return last;
        }
        last = Math.round(1000.0 * (total - idle) / total) / 10.0;
        reference(idleTicks, totalTicks, nowMillis);
        return last;
    }

    private void reference(long idle, long total, long millis) {
        hasReference = true;
        referenceIdle = idle;
        referenceTotal = total;
        referenceMillis = millis;
    }
}
