package io.flowmqtt.api.spi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Test;

/** The run lifecycle every sampled source inherits, on a source that counts. */
public class SampledDataSourceTest {
    private final AtomicInteger samples = new AtomicInteger();
    private final SampledDataSource source = new SampledDataSource("counter") {
        @Override
        protected JsonObject sample() {
            int n = samples.incrementAndGet();
            if (n == 3) {
                throw new IllegalStateException("sensor gone");
            }
            JsonObject body = new JsonObject();
            body.addProperty("n", n);
            return body;
        }
    };

    @After
    public void stop() {
        source.shutdown();
    }

    private static FlowEvent next(BlockingQueue<FlowEvent> events) throws InterruptedException {
        FlowEvent event = events.poll(5, TimeUnit.SECONDS);
        assertTrue("no event within 5 s", event != null);
        return event;
    }

    @Test
    public void aRunIsCreatedUpdatedAndClosedAtShutdownAndSkipsAFailingSample() throws Exception {
        BlockingQueue<FlowEvent> events = new LinkedBlockingQueue<>();
        source.subscribe(new SubscriptionRequest("t", Duration.ofMillis(20)), events::add);
        FlowEvent created = next(events);
        FlowEvent updated = next(events);
        FlowEvent afterFailure = next(events);
        assertEquals(EventState.CREATED, created.state());
        assertEquals(1, created.revision());
        assertEquals(EventState.UPDATED, updated.state());
        assertEquals(2, updated.revision());
        assertEquals("the failed third sample is skipped, not counted as a revision", 4, afterFailure.body().get("n").getAsInt());
        assertEquals(3, afterFailure.revision());
        assertEquals(1, source.failedSamples());
        assertTrue(source.lastSampleError().contains("sensor gone"));

        source.shutdown();
        List<FlowEvent> rest = new ArrayList<>();
        events.drainTo(rest);
        FlowEvent last = rest.get(rest.size() - 1);
        assertEquals(EventState.CLOSED, last.state());
        assertEquals(created.id(), last.id());
    }

    @Test
    public void aClosedSubscriptionJustStops() throws Exception {
        BlockingQueue<FlowEvent> events = new LinkedBlockingQueue<>();
        Subscription subscription = source.subscribe(new SubscriptionRequest("t", Duration.ofMillis(20)), events::add);
        next(events);
        subscription.close();
        events.clear();
        int sampled = samples.get();
        // after close no event comes, not even a closed one: the subscriber asked for nothing more
        assertNull(events.poll(200, TimeUnit.MILLISECONDS));
        assertTrue(samples.get() <= sampled + 1);
    }
}
