package io.flowmqtt.operator.api.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import io.flowmqtt.api.DataSource;
import io.flowmqtt.api.EventSink;
import io.flowmqtt.api.EventState;
import io.flowmqtt.api.FlowEvent;
import io.flowmqtt.api.SubscriptionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class SourcesTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    /** A source that delivers its first sample while subscribe runs, as a sampled source may. */
    private static final class Sampled implements DataSource {
        final List<SubscriptionRequest> requests = new ArrayList<>();
        EventSink sink;
        boolean closed;

        @Override
        public io.flowmqtt.api.Subscription subscribe(SubscriptionRequest request, EventSink eventSink) {
            requests.add(request);
            sink = eventSink;
            sample(1);
            return () -> closed = true;
        }

        void sample(int n) {
            JsonObject body = new JsonObject();
            body.addProperty("n", n);
            sink.accept(FlowEvent.of("system", "run", "", n == 1 ? EventState.CREATED : EventState.UPDATED, n, n, body));
        }
    }

    @Test
    public void theLatestSampleOfEachDiagnosticsSourceIsKeptWhileItIsThere() {
        Sources sources = new Sources();
        Sampled system = new Sampled();
        Sampled widgets = new Sampled();
        sources.addSource(system, Map.of(DataSource.TYPE, "system"));
        sources.addSource(widgets, Map.of(DataSource.TYPE, "widgets"));
        assertEquals(List.of("system", "widgets"), sources.types());
        assertEquals(Duration.ofSeconds(10), system.requests.get(0).interval());
        assertTrue(widgets.requests.isEmpty()); // not a diagnostics source: not subscribed
        assertEquals(1, sources.latest("system").orElseThrow().get("n").getAsInt()); // the sample delivered during subscribe
        system.sample(2);
        assertEquals(2, sources.latest("system").orElseThrow().get("n").getAsInt());
        assertTrue(sources.latest("network").isEmpty());

        sources.removeSource(system);
        assertTrue(system.closed);
        assertTrue(sources.latest("system").isEmpty());
        system.sample(3); // late delivery after the source went: not kept
        assertTrue(sources.latest("system").isEmpty());
        assertEquals(List.of("widgets"), sources.types());
        sources.deactivate();
        assertFalse(sources.types().contains("widgets"));
    }
}
