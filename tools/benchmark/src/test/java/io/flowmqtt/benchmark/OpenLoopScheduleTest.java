package io.flowmqtt.benchmark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class OpenLoopScheduleTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void messagesAreEvenlySpacedFromTheStart() {
        OpenLoopSchedule s = new OpenLoopSchedule(1_000, 1000, 20);
        assertEquals(20_000, s.count());
        assertEquals(1_000, s.dueNanos(0));
        assertEquals(1_000 + 1_000_000, s.dueNanos(1));
        assertEquals(1_000 + 19_999_000_000L, s.dueNanos(19_999));
    }

    @Test
    public void noDriftAtRatesThatDoNotDivideASecond() {
        OpenLoopSchedule s = new OpenLoopSchedule(0, 3, 10);
        assertEquals(333_333_333, s.dueNanos(1));
        assertEquals(666_666_666, s.dueNanos(2));
        assertEquals(1_000_000_000, s.dueNanos(3));
        assertEquals(9_666_666_666L, s.dueNanos(29));
    }

    @Test
    public void theScheduleDoesNotWaitForASlowSender() {
        // message i is due at start + i ms whenever message i - 1 was actually sent: a sender that stalled for
        // 1.5 s owes the 1,500 messages of that time at once, and each is timed from its own due time
        OpenLoopSchedule s = new OpenLoopSchedule(5_000, 1000, 2);
        assertEquals(5_000 + 1_500_000_000L, s.dueNanos(1500));
        assertEquals(s.dueNanos(1499) + 1_000_000, s.dueNanos(1500));
    }

    @Test
    public void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, 10, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> new OpenLoopSchedule(0, 10, 1).dueNanos(10));
    }
}
