package io.flowmqtt.api.spi;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads the parts of a sample (one disk, one network interface, one processing unit) so that a
 * part that fails is left out of this sample instead of failing all of it, and is reported once,
 * not at every sample, until it can be read again.
 */
public final class PartReader {
    /** Hears about parts that start failing ({@code cause} set) or can be read again ({@code cause} null). */
    @FunctionalInterface
    public interface Reporter {
        void changed(String part, Throwable cause);
    }

    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Reporter reporter;

    public PartReader(Reporter reporter) {
        this.reporter = reporter;
    }

    /** The part's value, or {@code null} when reading it throws. */
    public <T> T read(String part, Supplier<T> read) {
        try {
            T value = read.get();
            if (failing.remove(part)) {
                reporter.changed(part, null);
            }
            return value;
        } catch (RuntimeException | LinkageError e) {
            if (failing.add(part)) {
                reporter.changed(part, e);
            }
            return null;
        }
    }
}
