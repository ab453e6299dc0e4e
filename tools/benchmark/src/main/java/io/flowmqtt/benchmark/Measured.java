package io.flowmqtt.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What one bridge measured in one run (or the median of several): NaN, -1 or an empty list where a phase did not run.
 */
public final class Measured {
    double throughput = Double.NaN;
    double cpuSecondsPer1000 = Double.NaN;
    Latencies.Summary latency = Latencies.Summary.EMPTY;
    long latencySent = -1;
    long latencyDelivered = -1;
    double rssMegabytes = Double.NaN;
    final List<Double> launchSeconds = new ArrayList<>();
    final List<Double> reconfigureSeconds = new ArrayList<>();
    /** RSS in MB sampled every {@link Phases#RSS_SAMPLE_SECONDS} during the latency phase, from its start. */
    final List<Double> rssDuringLatency = new ArrayList<>();

    public double throughput() {
        return throughput;
    }

    public double cpuSecondsPer1000() {
        return cpuSecondsPer1000;
    }

    public Latencies.Summary latency() {
        return latency;
    }

    public long latencySent() {
        return latencySent;
    }

    public long latencyDelivered() {
        return latencyDelivered;
    }

    public double rssMegabytes() {
        return rssMegabytes;
    }

    public List<Double> launchSeconds() {
        return launchSeconds;
    }

    public List<Double> reconfigureSeconds() {
        return reconfigureSeconds;
    }

    public List<Double> rssDuringLatency() {
        return rssDuringLatency;
    }

    /** The median of each figure over {@code runs}; launch and reconfigure times are pooled over all runs. */
    public static Measured median(List<Measured> runs) {
        Measured m = new Measured();
        m.throughput = median(runs, r -> r.throughput);
        m.cpuSecondsPer1000 = median(runs, r -> r.cpuSecondsPer1000);
        m.rssMegabytes = median(runs, r -> r.rssMegabytes);
        m.latency = new Latencies.Summary(median(runs, r -> r.latency.p50()), median(runs, r -> r.latency.p90()),
                median(runs, r -> r.latency.p99()), median(runs, r -> r.latency.max()),
                runs.stream().mapToInt(r -> r.latency.count()).sum());
        m.latencySent = runs.stream().mapToLong(r -> Math.max(0, r.latencySent)).sum();
        m.latencyDelivered = runs.stream().mapToLong(r -> Math.max(0, r.latencyDelivered)).sum();
        if (runs.stream().allMatch(r -> r.latencySent < 0)) {
            m.latencySent = -1;
            m.latencyDelivered = -1;
        }
        runs.forEach(r -> m.launchSeconds.addAll(r.launchSeconds));
        runs.forEach(r -> m.reconfigureSeconds.addAll(r.reconfigureSeconds));
        return m;
    }

    /** The median of the figures that were measured (NaN when none was); the mean of the middle two for an even count. */
    static double median(List<Measured> runs, ToDoubleFunction<Measured> figure) {
        return median(runs.stream().mapToDouble(figure).toArray());
    }

    public static double median(double[] values) {
        double[] measured = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (measured.length == 0) {
            return Double.NaN;
        }
        int mid = measured.length / 2;
        return measured.length % 2 == 1 ? measured[mid] : (measured[mid - 1] + measured[mid]) / 2;
    }

    public static double medianOf(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
