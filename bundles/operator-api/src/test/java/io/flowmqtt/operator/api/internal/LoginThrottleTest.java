package io.flowmqtt.operator.api.internal;

import static org.junit.Assert.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class LoginThrottleTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    private final AtomicLong clock = new AtomicLong(5_000_000);
    private final LoginThrottle throttle = new LoginThrottle(clock::get);

    @Test
    public void eachFailureDoublesTheWaitUpToAMinute() {
        long[] expected = {1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000};
        for (long wait : expected) {
            throttle.failed("10.0.0.1");
            assertEquals(wait, throttle.waitMillis("10.0.0.1"));
            clock.addAndGet(wait);
            assertEquals(0, throttle.waitMillis("10.0.0.1"));
        }
    }

    @Test
    public void addressesAreSlowedDownEachOnItsOwn() {
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertEquals(2_000, throttle.waitMillis("10.0.0.1"));
        assertEquals(0, throttle.waitMillis("10.0.0.2"));
        clock.addAndGet(500);
        assertEquals(1_500, throttle.waitMillis("10.0.0.1"));
    }

    @Test
    public void aSuccessOrAQuarterOfAnHourForgetsTheFailures() {
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        throttle.succeeded("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertEquals(1_000, throttle.waitMillis("10.0.0.1"));
        throttle.failed("10.0.0.1");
        clock.addAndGet(LoginThrottle.FORGET_AFTER_MILLIS + 1);
        throttle.failed("10.0.0.1");
        assertEquals(1_000, throttle.waitMillis("10.0.0.1"));
    }

    @Test
    public void atMostTheBoundOfAddressesIsKept() {
        for (int i = 0; i <= LoginThrottle.MAX_ADDRESSES; i++) {
            throttle.failed("a" + i);
        }
        assertEquals(0, throttle.waitMillis("a0")); // the one that failed longest ago went
        assertEquals(1_000, throttle.waitMillis("a" + LoginThrottle.MAX_ADDRESSES));
    }
}
