package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class BackoffTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);


    @Test
    public void theCeilingDoublesUpToTheMaximum() {
        Backoff top = new Backoff(100, 1000, () -> 0.999999);
        long[] expected = {100, 200, 400, 800, 1000, 1000, 1000};
        for (long ceiling : expected) {
            long d = top.nextDelayMillis();
            assertTrue(d + " for ceiling " + ceiling, d <= ceiling && d >= ceiling - 1);
        }
        Backoff bottom = new Backoff(100, 1000, () -> 0.0);
        for (long ceiling : expected) {
            assertEquals(ceiling / 2, bottom.nextDelayMillis());
        }
    }

    @Test
    public void delaysGrowAndStayWithinHalfMaxAndMax() {
        Random random = new Random(42);
        Backoff backoff = new Backoff(50, 5000, random::nextDouble);
        long previousCeiling = 0;
        for (int i = 0; i < 200; i++) {
            long ceiling = Math.min(5000, 50L << Math.min(i, 20));
            long d = backoff.nextDelayMillis();
            assertTrue("attempt " + i + ": " + d, d >= ceiling / 2 && d <= ceiling);
            assertTrue(ceiling >= previousCeiling);
            previousCeiling = ceiling;
            if (i >= 7) {
                assertTrue("saturated: " + d, d >= 2500 && d <= 5000);
            }
        }
        assertEquals(200, backoff.failures());
    }

    @Test
    public void resetStartsOverAtTheMinimum() {
        Backoff backoff = new Backoff(100, 10_000, () -> 1.0);
        for (int i = 0; i < 10; i++) {
            backoff.nextDelayMillis();
        }
        assertEquals(10_000, backoff.nextDelayMillis());
        backoff.reset();
        assertEquals(0, backoff.failures());
        assertEquals(100, backoff.nextDelayMillis());
        assertEquals(200, backoff.nextDelayMillis());
    }

    @Test
    public void maxBelowMinIsRaisedToMin() {
        Backoff backoff = new Backoff(500, 100, () -> 1.0);
        assertEquals(500, backoff.nextDelayMillis());
        assertEquals(500, backoff.nextDelayMillis());
    }

    @Test
    public void hugeFailureCountsDoNotOverflow() {
        Backoff backoff = new Backoff(10, Long.MAX_VALUE / 2, () -> 1.0);
        long previous = 0;
        for (int i = 0; i < 100; i++) {
            long d = backoff.nextDelayMillis();
            assertTrue("attempt " + i + ": " + d, d > 0 && d >= previous);
            previous = d;
        }
    }
}
