package io.flowmqtt.api.spi;

import io.flowmqtt.api.status.SamplingStatus;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/** A source that keeps failing logs twice per series of failures, not once per sample. */
public class FailureSeriesTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final List<String> lines = new ArrayList<>();
    private final List<Throwable> causes = new ArrayList<>();
    private final FailureSeries series = new FailureSeries("weather", clock::get, new FailureSeries.Log() {
        @Override
        public void warn(String message, Throwable cause) {
            lines.add("WARN " + message);
            causes.add(cause);
        }

        @Override
        public void info(String message) {
            lines.add("INFO " + message);
        }
    });

    @Test
    public void oneWarningWhenASeriesBeginsAndOneLineWhenSamplingWorksAgain() {
        series.succeeded();
        IOException gone = new IOException("sensor gone");
        series.failed(gone);
        clock.addAndGet(2_000);
        for (int i = 0; i < 98; i++) {
            series.failed(new IOException("sensor gone"));
        }
        series.failed(new IOException("sensor still gone"));
        clock.addAndGet(3_000);
        series.succeeded();
        series.succeeded();

        assertEquals(2, lines.size());
        assertTrue(lines.get(0), lines.get(0).startsWith("WARN Data source weather: sampling failed: java.io.IOException: sensor gone"));
        assertSame("the first failure's stack goes with the warning", gone, causes.get(0));
        assertEquals("INFO Data source weather: sampling works again after 100 failed sample(s) in 5 s"
                + " (last error: java.io.IOException: sensor still gone)", lines.get(1));
    }

    @Test
    public void eachSeriesIsLoggedOnItsOwn() {
        series.failed(new IllegalStateException("a"));
        series.succeeded();
        series.failed(new IllegalStateException("b"));
        series.failed(new IllegalStateException("b"));
        series.succeeded();
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).contains("sampling failed: java.lang.IllegalStateException: a"));
        assertTrue(lines.get(1).contains("after 1 failed sample(s)"));
        assertTrue(lines.get(2).contains("sampling failed: java.lang.IllegalStateException: b"));
        assertTrue(lines.get(3).contains("after 2 failed sample(s)"));
    }

    @Test
    public void theStatusShowsTheCurrentFailureAndClearsItWhenSamplingWorks() {
        SamplingStatus fresh = series.status();
        assertFalse(fresh.failing());
        assertEquals("sampling works", fresh.describe());

        series.failed(new IOException("sensor gone"));
        clock.addAndGet(1_000);
        series.failed(new IOException("sensor gone"));
        SamplingStatus failing = series.status();
        assertTrue(failing.failing());
        assertEquals("weather", failing.source());
        assertEquals(2, failing.failingInRow());
        assertEquals(2, failing.failedSamples());
        assertEquals("since the first failure of the series", 1_000_000, failing.failingSince());
        assertEquals("java.io.IOException: sensor gone", failing.currentError());
        assertEquals("sampling failing since 1970-01-01T00:16:40Z (2 samples in a row): java.io.IOException: sensor gone",
                failing.describe());

        series.succeeded();
        SamplingStatus recovered = series.status();
        assertFalse(recovered.failing());
        assertNull(recovered.currentError());
        assertEquals(0, recovered.failingSince());
        assertEquals("the last error stays, for whoever wonders about a gap", "java.io.IOException: sensor gone", recovered.lastError());
        assertEquals(2, recovered.failedSamples());
        assertEquals("sampling works (2 failed since start)", recovered.describe());
    }
}
