package io.flowmqtt.outputs.internal;

import static io.flowmqtt.api.EventState.CLOSED;
import static io.flowmqtt.api.EventState.CREATED;
import static io.flowmqtt.api.EventState.UPDATED;
import static io.flowmqtt.outputs.internal.Fakes.settings;
import static io.flowmqtt.outputs.internal.Fakes.widgetEvent;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.outputs.internal.EventGate.Verdict;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class EventGateTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void eachStateInThePolicyGoesItsOwnWay() throws Exception {
        OutputSettings all = settings();
        assertEquals(Verdict.CREATE, EventGate.judge(all, widgetEvent("e", "3/0/12", CREATED, 1, 0, 1)));
        assertEquals(Verdict.UPDATE, EventGate.judge(all, widgetEvent("e", "3/0/12", UPDATED, 2, 0, 1)));
        assertEquals(Verdict.CLOSE, EventGate.judge(all, widgetEvent("e", "3/0/12", CLOSED, 3, 0, 1)));
    }

    @Test
    public void aStateOutsideThePolicyIsNotSent() throws Exception {
        OutputSettings closesOnly = settings("policy", "close");
        assertEquals(Verdict.NOT_IN_POLICY, EventGate.judge(closesOnly, widgetEvent("e", "3/0/12", UPDATED, 2, 0, 1)));
        assertEquals(Verdict.CLOSE, EventGate.judge(closesOnly, widgetEvent("e", "3/0/12", CLOSED, 3, 0, 1)));
    }

    @Test
    public void theSelectionComesBeforeThePolicy() throws Exception {
        OutputSettings one = settings("widgets", "3/0/12", "policy", "create");
        assertEquals(Verdict.NOT_SELECTED, EventGate.judge(one, widgetEvent("e", "3/0/13", UPDATED, 2, 0, 1)));
    }

    @Test
    public void aDepartedSourcesCloseGoesOnlyIfSelectedAndInThePolicy() throws Exception {
        assertTrue(EventGate.passesClose(settings("widgets", "3/0/12"), widgetEvent("e", "3/0/12", CLOSED, 3, 0, 1)));
        assertFalse(EventGate.passesClose(settings("widgets", "3/0/12"), widgetEvent("e", "3/0/13", CLOSED, 3, 0, 1)));
        assertFalse(EventGate.passesClose(settings("policy", "create,update"), widgetEvent("e", "3/0/12", CLOSED, 3, 0, 1)));
    }
}
