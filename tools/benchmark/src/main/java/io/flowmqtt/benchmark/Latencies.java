package io.flowmqtt.benchmark;

import java.util.Arrays;

/**
 * Latencies in nanoseconds, recorded from one thread (the subscriber's) and summarised as percentiles. A plain
 * growing array: a phase at 1,000 msg/s for 20 s is 20,000 values, and exact percentiles beat a histogram's buckets.
 */
public final class Latencies {
    /** p50, p90, p99 and max in milliseconds, and how many values they summarise. */
    public record Summary(double p50, double p90, double p99, double max, int count) {
        public static final Summary EMPTY = new Summary(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    }

    private long[] values = new long[1024];
    private int size;

    public synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    public synchronized int size() {
        return size;
    }

    public synchronized Summary summary() {
        if (size == 0) {
            return Summary.EMPTY;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return new Summary(millis(percentile(sorted, 50)), millis(percentile(sorted, 90)), millis(percentile(sorted, 99)),
                millis(sorted[sorted.length - 1]), size);
    }

    /**
     * The nearest-rank percentile of an ascending array: the smallest value such that at least {@code p} % of all
     * values are at or below it (so p99 of 100 values is the 99th, and p100 is the maximum).
     */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
