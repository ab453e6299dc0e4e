package io.flowmqtt.benchmark;

/** What stops the benchmark, in one sentence for the user: which process or phase failed, and where to look. */
public final class BenchmarkFailure extends RuntimeException {
    public BenchmarkFailure(String sentence) {
        super(sentence);
    }
}
