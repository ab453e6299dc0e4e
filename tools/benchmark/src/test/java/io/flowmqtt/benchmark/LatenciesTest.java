package io.flowmqtt.benchmark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class LatenciesTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void nearestRankPercentiles() {
        long[] hundred = new long[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = i + 1;
        }
        assertEquals(50, Latencies.percentile(hundred, 50));
        assertEquals(90, Latencies.percentile(hundred, 90));
        assertEquals(99, Latencies.percentile(hundred, 99));
        assertEquals(100, Latencies.percentile(hundred, 100));
        assertEquals(1, Latencies.percentile(hundred, 0.5));
    }

    @Test
    public void aSingleStallShowsInTheTailNotTheMedian() {
        Latencies l = new Latencies();
        for (int i = 0; i < 999; i++) {
            l.add(2_000_000); // 2 ms
        }
        l.add(276_000_000); // one 276 ms stall
        Latencies.Summary s = l.summary();
        assertEquals(2.0, s.p50(), 1e-9);
        assertEquals(2.0, s.p99(), 1e-9);
        assertEquals(276.0, s.max(), 1e-9);
        assertEquals(1000, s.count());
    }

    @Test
    public void valuesAreSortedBeforeSummarising() {
        Latencies l = new Latencies();
        for (long v : new long[] {9_000_000, 1_000_000, 5_000_000, 3_000_000, 7_000_000}) {
            l.add(v);
        }
        Latencies.Summary s = l.summary();
        assertEquals(5.0, s.p50(), 1e-9);
        assertEquals(9.0, s.p90(), 1e-9);
        assertEquals(9.0, s.max(), 1e-9);
    }

    @Test
    public void growsBeyondItsFirstArray() {
        Latencies l = new Latencies();
        for (int i = 1; i <= 5000; i++) {
            l.add(i * 1_000_000L);
        }
        assertEquals(5000, l.size());
        assertEquals(2500.0, l.summary().p50(), 1e-9);
    }

    @Test
    public void emptyIsNotMeasured() {
        assertTrue(Double.isNaN(new Latencies().summary().p50()));
        assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(new long[0], 50));
        assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(new long[] {1}, 0));
    }
}
