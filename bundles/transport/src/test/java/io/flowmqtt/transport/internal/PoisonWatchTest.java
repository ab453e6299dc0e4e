package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class PoisonWatchTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final PoisonWatch watch = new PoisonWatch(now::get);

    @Test
    public void aLossWithMessagesInFlightMakesItCarefulUntilTheNewestIsDelivered() {
        assertEquals(64, watch.window(64));
        assertEquals(-1, watch.connectionLost(List.of(5L, 6L, 7L), now.get()));
        assertTrue(watch.careful());
        assertEquals(1, watch.window(64));
        watch.delivered(6);
        assertTrue(watch.careful());
        watch.delivered(7);
        assertFalse(watch.careful());
        assertEquals(64, watch.window(64));
    }

    @Test
    public void threeQuickLossesOnTheSameMessageGiveItUp() {
        watch.connectionLost(List.of(5L, 6L), now.get()); // careful from here on; no strike yet
        assertEquals(-1, watch.connectionLost(List.of(5L), now.get()));
        assertEquals(-1, watch.connectionLost(List.of(5L), now.get()));
        assertEquals(2, watch.strikes(5));
        assertEquals(5, watch.connectionLost(List.of(5L), now.get()));
        assertEquals(0, watch.strikes(5));
        assertTrue("still careful until 6 is through", watch.careful());
    }

    @Test
    public void aLossLongAfterTheSendIsNoStrike() {
        watch.connectionLost(List.of(5L), now.get());
        long sent = now.get();
        now.addAndGet(PoisonWatch.REACTION_MILLIS + 1); // the broker did not react to it: a network outage
        for (int i = 0; i < 5; i++) {
            assertEquals(-1, watch.connectionLost(List.of(5L), sent));
        }
        assertEquals(0, watch.strikes(5));
    }

    @Test
    public void aDeliveryClearsTheStrikesAndNothingInFlightIsNoSuspicion() {
        watch.connectionLost(List.of(5L), now.get());
        watch.connectionLost(List.of(5L), now.get());
        assertEquals(1, watch.strikes(5));
        watch.delivered(5);
        assertEquals(0, watch.strikes(5));
        assertFalse(watch.careful());
        assertEquals(-1, watch.connectionLost(List.of(), now.get()));
        assertFalse(watch.careful());
    }
}
