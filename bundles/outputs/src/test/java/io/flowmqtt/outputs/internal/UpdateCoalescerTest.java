package io.flowmqtt.outputs.internal;

import static io.flowmqtt.api.EventState.CLOSED;
import static io.flowmqtt.api.EventState.UPDATED;
import static io.flowmqtt.outputs.internal.Fakes.widgetEvent;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import io.flowmqtt.api.FlowEvent;
import io.flowmqtt.outputs.internal.UpdateCoalescer.Decision;
import io.flowmqtt.outputs.internal.UpdateCoalescer.Outcome;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class UpdateCoalescerTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static final long WINDOW = 1000;
    private final UpdateCoalescer coalescer = new UpdateCoalescer();

    private static FlowEvent update(String id, long revision) {
        return widgetEvent(id, "3/0/12", UPDATED, revision, 0, (int) revision);
    }

    @Test
    public void withoutAWindowEveryUpdateGoesAtOnce() {
        assertEquals(new Decision(Outcome.SEND, 0), coalescer.offer(update("e", 1), 0, 10));
        coalescer.sent(update("e", 1), 0, 10);
        assertEquals(new Decision(Outcome.SEND, 0), coalescer.offer(update("e", 2), 0, 11));
    }

    @Test
    public void anUpdateInsideTheWindowIsHeldUntilTheWindowEndsAndTheNewestReplacesIt() {
        coalescer.sent(update("e", 1), WINDOW, 5_000);

        assertEquals(new Decision(Outcome.HELD, 700), coalescer.offer(update("e", 2), WINDOW, 5_300));
        FlowEvent newest = update("e", 3);
        assertEquals(new Decision(Outcome.REPLACED, 0), coalescer.offer(newest, WINDOW, 5_400));

        assertSame(newest, coalescer.takeHeld(UpdateCoalescer.key(newest)));
        assertNull("taken once", coalescer.takeHeld(UpdateCoalescer.key(newest)));
    }

    @Test
    public void anUpdateAfterTheWindowGoesAtOnce() {
        coalescer.sent(update("e", 1), WINDOW, 5_000);
        assertEquals(new Decision(Outcome.SEND, 0), coalescer.offer(update("e", 2), WINDOW, 6_000));
    }

    @Test
    public void eventsAreCoalescedEachOnItsOwn() {
        coalescer.sent(update("a", 1), WINDOW, 5_000);
        assertEquals(Outcome.HELD, coalescer.offer(update("a", 2), WINDOW, 5_100).outcome());
        assertEquals(Outcome.SEND, coalescer.offer(update("b", 1), WINDOW, 5_100).outcome());
    }

    @Test
    public void aCloseHandsBackTheHeldUpdateAndForgetsTheEvent() {
        coalescer.sent(update("e", 1), WINDOW, 5_000);
        FlowEvent held = update("e", 2);
        coalescer.offer(held, WINDOW, 5_100);

        assertSame(held, coalescer.closed(widgetEvent("e", "3/0/12", CLOSED, 3, 0, 3)));
        assertEquals("no window is left from before the close", Outcome.SEND,
                coalescer.offer(update("e", 4), WINDOW, 5_200).outcome());
    }

    @Test
    public void aSentCloseStartsNoWindowAndClearDropsWhatWasHeld() {
        coalescer.sent(widgetEvent("e", "3/0/12", CLOSED, 1, 0, 1), WINDOW, 5_000);
        assertEquals(Outcome.SEND, coalescer.offer(update("e", 2), WINDOW, 5_100).outcome());

        coalescer.sent(update("f", 1), WINDOW, 5_000);
        coalescer.offer(update("f", 2), WINDOW, 5_100);
        coalescer.clear();
        assertNull(coalescer.takeHeld(UpdateCoalescer.key(update("f", 2))));
        assertEquals(Outcome.SEND, coalescer.offer(update("f", 3), WINDOW, 5_200).outcome());
    }
}
