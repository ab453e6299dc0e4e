package io.flowmqtt.outputs.internal;

import static io.flowmqtt.outputs.internal.Fakes.settings;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.Subscription;
import io.flowmqtt.outputs.internal.Fakes.FakeInterface;
import io.flowmqtt.outputs.internal.Fakes.FakeSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class BindingTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private final Binding binding = new Binding();
    private final FakeSource source = new FakeSource();
    private final FakeInterface iface = new FakeInterface("test");
    private final Subscription first = () -> { };

    private Binding.Plan bound(OutputSettings s) {
        Binding.Plan plan = binding.rebind(s, source, iface, true);
        assertTrue(binding.subscribed(plan, first));
        return plan;
    }

    @Test
    public void aBindToTheSameSourceAndInterfaceWithUnchangedSettingsIsNothingToDo() throws Exception {
        OutputSettings s = settings();
        bound(s);
        assertNull(binding.rebind(s, source, iface, false));
        assertTrue(binding.boundWith(s));
    }

    @Test
    public void aRebindClosesTheOldSubscriptionAndIgnoresItsEvents() throws Exception {
        Binding.Plan old = bound(settings());
        Binding.Plan next = binding.rebind(settings(), source, iface, true);

        assertEquals(List.of(first), next.stale());
        assertFalse(binding.isCurrent(old.generation()));
        assertTrue(binding.isCurrent(next.generation()));
        assertNull("no drain: the source did not depart", binding.drainOf(old.generation()));
    }

    @Test
    public void aSubscriptionOvertakenByALaterBindIsNotKept() throws Exception {
        Binding.Plan early = binding.rebind(settings(), source, iface, true);
        Binding.Plan late = binding.rebind(settings(), source, iface, true);

        assertFalse(binding.subscribed(early, first));
        assertFalse(binding.refused(early));
        assertTrue(binding.subscribed(late, first));
    }

    @Test
    public void aDepartingSourcesSubscriptionIsDrainedUntilTheNextBindOrClose() throws Exception {
        OutputSettings s = settings();
        Binding.Plan old = bound(s);
        binding.sourceDeparting(source);
        Binding.Plan gone = binding.rebind(s, null, iface, false);

        assertTrue("kept open for the closes", gone.stale().isEmpty());
        assertNull("bound to nothing", gone.settings());
        Binding.Drain drain = binding.drainOf(old.generation());
        assertNotNull(drain);
        assertSame(s, drain.settings());

        List<Subscription> toClose = new ArrayList<>();
        binding.takeDrain(toClose);
        assertEquals(List.of(first), toClose);
        assertNull(binding.drainOf(old.generation()));
    }

    @Test
    public void aRefusedSubscriptionLeavesTheOutputUnbound() throws Exception {
        OutputSettings s = settings();
        Binding.Plan plan = binding.rebind(s, source, iface, true);
        assertTrue(binding.refused(plan));
        assertNull(binding.target());
        assertFalse(binding.boundWith(s));
    }
}
