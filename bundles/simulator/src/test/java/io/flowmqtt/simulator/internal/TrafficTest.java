package io.flowmqtt.simulator.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.EventState;
import io.flowmqtt.api.widgets.WidgetEventReport;
import io.flowmqtt.api.widgets.WidgetSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class TrafficTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static final long START = 1_795_618_860_000L;

    private static List<Object> run(long seed, int ticks) {
        Traffic traffic = new Traffic(1, 0, seed, 10_000);
        List<Object> all = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            all.addAll(traffic.tick(START + i * 1000L, 1000));
        }
        return all;
    }

    @Test
    public void theSameSeedGivesTheSameTraffic() {
        assertEquals(run(42, 120), run(42, 120));
        assertNotEquals(run(42, 120), run(43, 120));
    }

    @Test
    public void snapshotsCarryTheirTimeBlockAndCountsAddUp() {
        for (Object report : run(7, 60)) {
            if (report instanceof WidgetSnapshot s && s.widget().widgetId() == 1) {
                assertEquals(0, s.timeBlock().start() % 10_000);
                assertEquals(s.timeBlock().start() + 10_000, s.timeBlock().end());
                assertTrue(s.timestamp() >= s.timeBlock().start() && s.timestamp() < s.timeBlock().end());
                long sum = s.data().getAsJsonObject("categories").entrySet().stream().mapToLong(e -> e.getValue().getAsLong()).sum();
                assertEquals(s.data().get("object_count").getAsLong(), sum);
            }
        }
    }

    @Test
    public void everyZoneEventIsCreatedFirstAndClosedOnce() {
        Map<String, List<EventState>> states = new HashMap<>();
        for (Object report : run(3, 300)) {
            if (report instanceof WidgetEventReport e) {
                states.computeIfAbsent(e.eventId(), k -> new ArrayList<>()).add(e.state());
            }
        }
        assertTrue("the simulator produced only " + states.size() + " events in 300 ticks", states.size() > 20);
        long closed = 0;
        for (Map.Entry<String, List<EventState>> event : states.entrySet()) {
            List<EventState> s = event.getValue();
            assertEquals(event.getKey(), EventState.CREATED, s.get(0));
            assertEquals(event.getKey(), 1, s.stream().filter(x -> x == EventState.CREATED).count());
            assertTrue(event.getKey(), s.stream().filter(x -> x == EventState.CLOSED).count() <= 1);
            if (s.get(s.size() - 1) == EventState.CLOSED) {
                closed++;
            }
        }
        assertTrue("most events close within the run", closed > states.size() / 2);
    }
}
