package io.flowmqtt.source.network.internal;

/**
 * Per-second rates from two readings of cumulative counters. A rate is unknown ({@code null})
 * when there is no earlier reading, when no time passed, or when the counter went backwards
 * (interface re-created, driver reset, wrap).
 */
final class RateCalculator {
    /** One reading of an interface's cumulative counters. */
    record Counters(long bytesIn, long bytesOut, long packetsIn, long packetsOut) {
    }

    /** Rates per second with one decimal; any of them may be {@code null}. */
    record Rates(Double bytesIn, Double bytesOut, Double packetsIn, Double packetsOut) {
        static final Rates UNKNOWN = new Rates(null, null, null, null);
    }

    private RateCalculator() {
    }

    static Rates rates(Counters previous, long previousMillis, Counters current, long currentMillis) {
        if (previous == null || current == null) {
            return Rates.UNKNOWN;
        }
        long elapsed = currentMillis - previousMillis;
        return new Rates(perSecond(previous.bytesIn(), current.bytesIn(), elapsed),
                perSecond(previous.bytesOut(), current.bytesOut(), elapsed),
                perSecond(previous.packetsIn(), current.packetsIn(), elapsed),
                perSecond(previous.packetsOut(), current.packetsOut(), elapsed));
    }

    static Double perSecond(long previous, long current, long elapsedMillis) {
        if (elapsedMillis <= 0 || current < previous) {
            return null;
        }
        return Math.round((current - previous) * 10_000.0 / elapsedMillis) / 10.0;
    }
}
