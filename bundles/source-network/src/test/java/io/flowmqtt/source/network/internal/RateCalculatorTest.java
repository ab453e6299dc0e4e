package io.flowmqtt.source.network.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.flowmqtt.source.network.internal.RateCalculator.Counters;
import io.flowmqtt.source.network.internal.RateCalculator.Rates;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class RateCalculatorTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void ratesArePerSecondOverTheElapsedTime() {
        Rates rates = RateCalculator.rates(new Counters(1_000, 2_000, 10, 20), 10_000,
                new Counters(6_000, 2_500, 15, 21), 12_000);
        assertEquals(2_500.0, rates.bytesIn(), 0.0);
        assertEquals(250.0, rates.bytesOut(), 0.0);
        assertEquals(2.5, rates.packetsIn(), 0.0);
        assertEquals(0.5, rates.packetsOut(), 0.0);
    }

    @Test
    public void roundedToOneDecimal() {
        assertEquals(333.3, RateCalculator.perSecond(0, 1_000, 3_000), 0.0);
        assertEquals(0.0, RateCalculator.perSecond(7, 7, 1_000), 0.0);
    }

    @Test
    public void unknownWithoutEarlierReadingTimeOrWhenACounterWentBack() {
        assertEquals(Rates.UNKNOWN, RateCalculator.rates(null, 0, new Counters(1, 1, 1, 1), 1_000));
        assertNull(RateCalculator.perSecond(0, 100, 0));
        assertNull(RateCalculator.perSecond(0, 100, -5));
        assertNull(RateCalculator.perSecond(500, 100, 1_000));

        Rates reset = RateCalculator.rates(new Counters(1_000, 1_000, 10, 10), 0, new Counters(50, 2_000, 1, 20), 1_000);
        assertNull(reset.bytesIn());
        assertEquals(1_000.0, reset.bytesOut(), 0.0);
        assertNull(reset.packetsIn());
        assertEquals(10.0, reset.packetsOut(), 0.0);
    }
}
