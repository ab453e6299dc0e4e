package io.flowmqtt.api.spi;

import io.flowmqtt.api.status.SamplingStatus;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sampling failures of one source, in series: a series begins with a sample that throws after
 * one that worked (or at start) and ends with the next sample that works. The log hears of each
 * series twice, when it begins and when it ends, not at every sample: a sensor that is gone for a
 * day must not write a line per sample, and must not go unnoticed either.
 *
 * <p>Driven from the source's one sampling thread; {@link #status()} may be read from any thread.
 */
final class FailureSeries {
    /** Where the two lines of a series go; the log in production, a list in tests. */
    interface Log {
        void warn(String message, Throwable cause);

        void info(String message);
    }

    static final Log SLF4J = new Log() {
        private final Logger log = LoggerFactory.getLogger(SampledDataSource.class);

        @Override
        public void warn(String message, Throwable cause) {
            log.warn(message, cause);
        }

        @Override
        public void info(String message) {
            log.info(message);
        }
    };

    private final String source;
    private final LongSupplier clock;
    private final Log log;
    private volatile SamplingStatus status;

    FailureSeries(String source, LongSupplier clock, Log log) {
        this.source = source;
        this.clock = clock;
        this.log = log;
        this.status = SamplingStatus.builder().source(source).build();
    }

    void failed(Throwable cause) {
        SamplingStatus s = status;
        String error = cause.toString();
        if (!s.failing()) {
            log.warn("Data source " + source + ": sampling failed: " + error
                    + "; its samples are left out until sampling works again (logged once for the series)", cause);
        }
        long since = s.failing() ? s.failingSince() : clock.getAsLong();
        status = s.toBuilder().failedSamples(s.failedSamples() + 1).failingInRow(s.failingInRow() + 1).failingSince(since)
                .currentError(error).lastError(error).build();
    }

    void succeeded() {
        SamplingStatus s = status;
        if (!s.failing()) {
            return;
        }
        long seconds = Duration.ofMillis(Math.max(0, clock.getAsLong() - s.failingSince())).toSeconds();
        log.info("Data source " + source + ": sampling works again after " + s.failingInRow() + " failed sample(s) in "
                + seconds + " s (last error: " + s.currentError() + ")");
        status = s.toBuilder().failingInRow(0).failingSince(0).currentError(null).build();
    }

    SamplingStatus status() {
        return status;
    }
}
