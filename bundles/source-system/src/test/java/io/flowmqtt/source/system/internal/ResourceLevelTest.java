package io.flowmqtt.source.system.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class ResourceLevelTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static final long GIB = 1L << 30;

    @Test
    public void thresholdsAreFlowsFifteenAndFivePercentFree() {
        assertEquals(ResourceLevel.OK, ResourceLevel.ofFreePercent(100));
        assertEquals(ResourceLevel.OK, ResourceLevel.ofFreePercent(15.0));
        assertEquals(ResourceLevel.WARNING, ResourceLevel.ofFreePercent(14.99));
        assertEquals(ResourceLevel.WARNING, ResourceLevel.ofFreePercent(5.0));
        assertEquals(ResourceLevel.CRITICAL, ResourceLevel.ofFreePercent(4.99));
        assertEquals(ResourceLevel.CRITICAL, ResourceLevel.ofFreePercent(0));
    }

    @Test
    public void levelsFromBytes() {
        assertEquals(ResourceLevel.OK, ResourceLevel.ofFree(4 * GIB, 16 * GIB));        // 25 %
        assertEquals(ResourceLevel.OK, ResourceLevel.ofFree(15, 100));                  // exactly 15 %
        assertEquals(ResourceLevel.WARNING, ResourceLevel.ofFree(2 * GIB, 16 * GIB));   // 12.5 %
        assertEquals(ResourceLevel.WARNING, ResourceLevel.ofFree(5, 100));              // exactly 5 %
        assertEquals(ResourceLevel.CRITICAL, ResourceLevel.ofFree(GIB / 2, 16 * GIB));  // 3.125 %
        assertEquals(ResourceLevel.CRITICAL, ResourceLevel.ofFree(0, 16 * GIB));
        assertEquals("unknown size is not an alarm", ResourceLevel.OK, ResourceLevel.ofFree(0, 0));
    }

    @Test
    public void worseKeepsTheMoreSevereLevel() {
        assertEquals(ResourceLevel.WARNING, ResourceLevel.OK.worse(ResourceLevel.WARNING));
        assertEquals(ResourceLevel.CRITICAL, ResourceLevel.CRITICAL.worse(ResourceLevel.WARNING));
        assertEquals(ResourceLevel.OK, ResourceLevel.OK.worse(ResourceLevel.OK));
    }

    @Test
    public void wireNames() {
        assertEquals("ok", ResourceLevel.OK.wireName());
        assertEquals("warning", ResourceLevel.WARNING.wireName());
        assertEquals("critical", ResourceLevel.CRITICAL.wireName());
    }
}
