package io.flowmqtt.source.system.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class CpuUsageMeterTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void usageIsTheBusyShareOfTheTicksSinceTheReference() {
        CpuUsageMeter meter = new CpuUsageMeter(500);
        assertNull("no window yet", meter.update(1_000, 2_000, 0));
        // 400 ticks passed, 100 of them idle: 75 % busy
        assertEquals(75.0, meter.update(1_100, 2_400, 1_000), 0.0);
        // next window: 300 ticks, 200 idle: 33.3 %
        assertEquals(33.3, meter.update(1_300, 2_700, 2_000), 0.0);
    }

    @Test
    public void aWindowShorterThanTheMinimumRepeatsTheLastValueAndKeepsTheReference() {
        CpuUsageMeter meter = new CpuUsageMeter(500);
        meter.update(0, 0, 0);
        assertNull(meter.update(10, 20, 100));
        assertEquals(50.0, meter.update(100, 200, 600), 0.0);
        assertEquals(50.0, meter.update(100, 300, 700), 0.0);   // 100 ms: too short, last value
        assertEquals(75.0, meter.update(150, 400, 1_100), 0.0); // 500 ms since 600: 200 ticks, 50 idle
    }

    @Test
    public void countersGoingBackwardsRestart() {
        CpuUsageMeter meter = new CpuUsageMeter(500);
        meter.update(1_000, 2_000, 0);
        assertEquals(50.0, meter.update(1_100, 2_200, 1_000), 0.0);
        assertNull(meter.update(10, 20, 2_000));
        assertEquals(0.0, meter.update(110, 120, 3_000), 0.0);
    }
}
