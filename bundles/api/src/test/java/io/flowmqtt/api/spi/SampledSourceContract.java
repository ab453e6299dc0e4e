package io.flowmqtt.api.spi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.EventState;
import io.flowmqtt.api.FlowEvent;
import io.flowmqtt.api.Subscription;
import io.flowmqtt.api.SubscriptionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * The run lifecycle every diagnostics source built on {@link SampledDataSource} must show with its real
 * sampling: created, updated with growing revisions, closed at shutdown, and nothing after; a closed
 * subscription just stops. A source's test extends this (from the api module's test-jar) and adds its own.
 *
 * <p>No test here waits a fixed time to see that nothing more arrives: after {@link SampledDataSource#shutdown()}
 * the source's only thread is gone, so nothing can; after a subscription is closed, a second subscription on the
 * same single sampling thread is the marker: once it has sampled three times, the closed run would have sampled
 * too had it not stopped.
 */
public abstract class SampledSourceContract<S extends SampledDataSource> {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    protected final S source = createSource();
    protected final BlockingQueue<FlowEvent> events = new LinkedBlockingQueue<>();

    /** A new source, sampling this machine (or fakes) for real. */
    protected abstract S createSource();

    @After
    public void shutDownTheSource() {
        source.shutdown();
    }

    @Test
    public void runIsCreatedUpdatedAndClosedWithGrowingRevisions() throws Exception {
        source.subscribe(new SubscriptionRequest("test", Duration.ofMillis(50)), events::add);
        FlowEvent created = next();
        assertEquals(EventState.CREATED, created.state());
        assertEquals(1, created.revision());
        assertEquals(source.type(), created.source());
        assertEquals("", created.subject());
        FlowEvent updated = next();
        assertEquals(EventState.UPDATED, updated.state());
        assertEquals(2, updated.revision());
        assertEquals(created.id(), updated.id());

        source.shutdown();
        assertTrue("the sampling thread ends after shutdown, without another task", samplingThreadEnds());
        List<FlowEvent> rest = new ArrayList<>();
        events.drainTo(rest);
        assertFalse("shutdown closes the open run", rest.isEmpty());
        assertEquals(EventState.CLOSED, rest.get(rest.size() - 1).state());
        long revision = 2;
        for (FlowEvent event : rest) {
            assertEquals(++revision, event.revision());
            assertEquals(created.id(), event.id());
        }
    }

    @Test
    public void closingTheSubscriptionStopsTheRunWithoutClosedEvent() throws Exception {
        Subscription subscription = source.subscribe(new SubscriptionRequest("test", Duration.ofMillis(20)), events::add);
        assertEquals(EventState.CREATED, next().state());
        subscription.close();
        int atClose = events.size();

        BlockingQueue<FlowEvent> marker = new LinkedBlockingQueue<>();
        source.subscribe(new SubscriptionRequest("marker", Duration.ofMillis(20)), marker::add);
        for (int i = 0; i < 3; i++) {
            assertNotNull("the marker run sampled", marker.poll(10, TimeUnit.SECONDS));
        }
        List<FlowEvent> all = new ArrayList<>(events);
        List<FlowEvent> after = all.subList(atClose, all.size());
        // a sample already running when close was called may still deliver; nothing after it
        assertTrue("events after close: " + after, after.size() <= 1);
        assertTrue(after.stream().noneMatch(e -> e.state() == EventState.CLOSED));

        source.shutdown();
        assertTrue("no closed event for a closed subscription", events.stream().noneMatch(e -> e.state() == EventState.CLOSED));
    }

    protected FlowEvent next() throws InterruptedException {
        FlowEvent event = events.poll(10, TimeUnit.SECONDS);
        assertNotNull("no event within 10 s", event);
        return event;
    }

    /**
     * The executor reports itself terminated while its worker thread is still on its way out, so the thread may be
     * alive for a moment after shutdown: it must end (a join, not a fixed wait).
     */
    private boolean samplingThreadEnds() throws InterruptedException {
        String name = "flow-source-" + source.type();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                t.join(5000);
                if (t.isAlive()) {
                    return false;
                }
            }
        }
        return true;
    }
}
