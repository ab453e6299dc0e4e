package io.flowmqtt.source.widgets.internal;

import static io.flowmqtt.api.EventState.CLOSED;
import static io.flowmqtt.api.EventState.CREATED;
import static io.flowmqtt.api.EventState.UPDATED;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import io.flowmqtt.api.EventState;
import io.flowmqtt.api.FlowEvent;
import io.flowmqtt.api.widgets.TimeBlock;
import io.flowmqtt.api.widgets.WidgetEventReport;
import io.flowmqtt.api.widgets.WidgetRef;
import io.flowmqtt.api.widgets.WidgetSnapshot;
import io.flowmqtt.api.widgets.WidgetType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class WidgetLifecycleTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    static final WidgetRef COUNT = new WidgetRef(1, 0, 5, "North count", WidgetType.VALUE);
    static final WidgetRef SPEED = new WidgetRef(1, 0, 6, "Speed", WidgetType.STATISTICAL_VALUE);
    static final WidgetRef ZONE = new WidgetRef(1, 0, 4, "Zone events", WidgetType.EVENTS);
    static final TimeBlock B1 = new TimeBlock(60_000, 120_000);
    static final TimeBlock B2 = new TimeBlock(120_000, 180_000);

    private final WidgetLifecycle lifecycle = new WidgetLifecycle();

    static JsonObject data(int count) {
        JsonObject data = new JsonObject();
        data.addProperty("data_validity", "ok");
        data.addProperty("object_count", count);
        return data;
    }

    private List<FlowEvent> snapshot(WidgetRef widget, TimeBlock block, long timestamp, int count) {
        return lifecycle.onSnapshot(new WidgetSnapshot(widget, block, timestamp, data(count)));
    }

    private List<FlowEvent> event(String id, EventState state, long timestamp, int count) {
        return lifecycle.onEvent(new WidgetEventReport(ZONE, id, state, timestamp, data(count)));
    }

    private static List<String> briefs(Collection<FlowEvent> events) {
        List<String> out = new ArrayList<>();
        for (FlowEvent e : events) {
            out.add(e.id() + ":" + e.state().wireName() + "#" + e.revision());
        }
        return out;
    }

    private static int count(FlowEvent event) {
        return event.body().getAsJsonObject("data").get("object_count").getAsInt();
    }

    @Test
    public void timeBlockIsCreatedUpdatedAndClosedWithItsFinalValuesWhenTheNextBlockStarts() {
        List<FlowEvent> created = snapshot(COUNT, B1, 61_000, 1);
        assertEquals(List.of("1-0-5-60000:created#1"), briefs(created));
        FlowEvent c = created.get(0);
        assertEquals("widgets", c.source());
        assertEquals("1/0/5", c.subject());
        assertEquals(61_000, c.timestamp());
        JsonObject body = c.body();
        assertEquals(List.of("cube_id", "analytic_id", "widget_id", "widget_name", "widget_type", "time_block", "data"),
                new ArrayList<>(body.keySet()));
        assertEquals("North count", body.get("widget_name").getAsString());
        assertEquals("value", body.get("widget_type").getAsString());
        assertEquals(60_000, body.getAsJsonObject("time_block").get("start").getAsLong());
        assertEquals(120_000, body.getAsJsonObject("time_block").get("end").getAsLong());

        List<FlowEvent> updated = snapshot(COUNT, B1, 62_000, 2);
        assertEquals(List.of("1-0-5-60000:updated#2"), briefs(updated));
        assertEquals(2, count(updated.get(0)));
        assertEquals(List.of("1-0-5-60000:updated#3"), briefs(snapshot(COUNT, B1, 63_000, 3)));

        List<FlowEvent> next = snapshot(COUNT, B2, 121_000, 0);
        assertEquals(List.of("1-0-5-60000:closed#4", "1-0-5-120000:created#1"), briefs(next));
        FlowEvent closed = next.get(0);
        assertEquals("final values", 3, count(closed));
        assertEquals(60_000, closed.body().getAsJsonObject("time_block").get("start").getAsLong());
        assertEquals(121_000, closed.timestamp());
        assertEquals(0, count(next.get(1)));
        assertEquals(List.of("1-0-5-120000:created#1"), briefs(lifecycle.openEvents()));
    }

    @Test
    public void unchangedValuesAreNotRepublished() {
        snapshot(COUNT, B1, 61_000, 1);
        assertTrue(snapshot(COUNT, B1, 62_000, 1).isEmpty());
        assertTrue(snapshot(COUNT, B1, 63_000, 1).isEmpty());
        assertEquals(List.of("1-0-5-60000:updated#2"), briefs(snapshot(COUNT, B1, 64_000, 2)));
        assertTrue(snapshot(COUNT, null, 1, 9).size() == 2); // leaving time-block mode closes the block
        assertTrue(snapshot(COUNT, null, 2, 9).isEmpty());
    }

    @Test
    public void aLateReportForAnOldBlockIsIgnored() {
        snapshot(COUNT, B1, 61_000, 1);
        snapshot(COUNT, B2, 121_000, 5);
        assertTrue(snapshot(COUNT, B1, 121_500, 2).isEmpty());
        assertEquals(1, lifecycle.lateReports());
        assertEquals(List.of("1-0-5-120000:created#1"), briefs(lifecycle.openEvents()));
        assertEquals(5, count(lifecycle.openEvents().iterator().next()));
        assertEquals(List.of("1-0-5-120000:updated#2"), briefs(snapshot(COUNT, B2, 122_000, 6)));
    }

    @Test
    public void widgetsWithoutTimeBlocksHaveOneLongLivedEvent() {
        assertEquals(List.of("1-0-6:created#1"), briefs(snapshot(SPEED, null, 1_000, 10)));
        assertEquals(List.of("1-0-6:updated#2"), briefs(snapshot(SPEED, null, 2_000, 11)));
        assertTrue(snapshot(SPEED, null, 3_000, 11).isEmpty());
        assertEquals(List.of("1-0-6:updated#3"), briefs(snapshot(SPEED, null, 4_000, 12)));
        FlowEvent open = lifecycle.openEvents().iterator().next();
        assertFalse(open.body().has("time_block"));
        assertEquals("statistical_value", open.body().get("widget_type").getAsString());
    }

    @Test
    public void widgetsAreIndependent() {
        snapshot(COUNT, B1, 61_000, 1);
        snapshot(SPEED, null, 61_000, 1);
        assertEquals(List.of("1-0-6:updated#2"), briefs(snapshot(SPEED, null, 62_000, 2)));
        assertEquals(List.of("1-0-5-60000:updated#2"), briefs(snapshot(COUNT, B1, 62_000, 2)));
        assertEquals(2, lifecycle.openEvents().size());
    }

    @Test
    public void eventsWidgetPassesFlowsStatesThroughWithRevisions() {
        assertEquals(List.of("traj-1:created#1"), briefs(event("traj-1", CREATED, 1_000, 1)));
        assertEquals(List.of("traj-1:updated#2"), briefs(event("traj-1", UPDATED, 2_000, 1)));
        assertEquals("an update with unchanged data still goes", List.of("traj-1:updated#3"), briefs(event("traj-1", UPDATED, 2_500, 1)));
        List<FlowEvent> closed = event("traj-1", CLOSED, 3_000, 1);
        assertEquals(List.of("traj-1:closed#4"), briefs(closed));
        FlowEvent c = closed.get(0);
        assertEquals("1/0/4", c.subject());
        assertEquals("events", c.body().get("widget_type").getAsString());
        assertFalse(c.body().has("time_block"));
        assertEquals(3_000, c.timestamp());
        assertTrue(lifecycle.openEvents().isEmpty());
    }

    @Test
    public void anUpdateForAnUnknownEventBecomesItsCreate() {
        assertEquals(List.of("traj-9:created#1"), briefs(event("traj-9", UPDATED, 1_000, 1)));
        assertEquals(List.of("traj-9:updated#2"), briefs(event("traj-9", UPDATED, 2_000, 2)));
    }

    @Test
    public void aRepeatedCreateOfAnOpenEventIsAnUpdate() {
        // revision 1 is the create; a second "created" for an open event must not be published as created#2
        event("traj-3", CREATED, 1_000, 1);
        assertEquals(List.of("traj-3:updated#2"), briefs(event("traj-3", CREATED, 1_500, 2)));
    }

    @Test
    public void closeLongLivedClosesOnlyTheWidgetsWithoutTimeBlocks() {
        snapshot(SPEED, null, 1_000, 10);
        snapshot(SPEED, null, 2_000, 11);
        snapshot(COUNT, B1, 61_000, 1);
        event("traj-1", CREATED, 1_000, 1);
        List<FlowEvent> closed = lifecycle.closeLongLived(99_000);
        assertEquals(List.of("1-0-6:closed#3"), briefs(closed));
        assertEquals(99_000, closed.get(0).timestamp());
        assertEquals(11, count(closed.get(0)));
        assertEquals(List.of("1-0-5-60000:created#1", "traj-1:created#1"), briefs(lifecycle.openEvents()));
        assertTrue(lifecycle.closeLongLived(100_000).isEmpty());
    }

    @Test
    public void openEventsHoldTheLatestStateOfEveryOpenEvent() {
        snapshot(COUNT, B1, 61_000, 1);
        snapshot(COUNT, B1, 62_000, 2);
        event("traj-1", CREATED, 1_000, 1);
        event("traj-1", UPDATED, 2_000, 2);
        event("traj-2", CREATED, 1_000, 1);
        event("traj-2", CLOSED, 2_000, 1);
        Collection<FlowEvent> open = lifecycle.openEvents();
        assertEquals(List.of("1-0-5-60000:updated#2", "traj-1:updated#2"), briefs(open));
        for (FlowEvent e : open) {
            assertEquals(2, count(e));
        }
    }

    @Test
    public void openEventsAreBounded() {
        int max = WidgetLifecycle.MAX_OPEN_EVENTS;
        for (int i = 0; i < max + 5; i++) {
            event("traj-" + i, CREATED, i, 1);
        }
        Collection<FlowEvent> open = lifecycle.openEvents();
        assertEquals(max, open.size());
        assertEquals(5, lifecycle.evicted());
        assertEquals("the oldest went first", "traj-5", open.iterator().next().id());
        // an evicted event that reports again opens anew
        assertEquals(List.of("traj-0:created#1"), briefs(event("traj-0", UPDATED, 1, 1)));
    }

    @Test
    public void eventsWidgetFloodDoesNotEvictSnapshotWidgets() {
        snapshot(COUNT, B1, 61_000, 1);
        snapshot(SPEED, null, 61_000, 1);
        for (int i = 0; i < WidgetLifecycle.MAX_OPEN_EVENTS + 10; i++) {
            event("traj-" + i, CREATED, i, 1);
        }
        assertEquals(List.of("1-0-5-60000:updated#2"), briefs(snapshot(COUNT, B1, 62_000, 2)));
        assertEquals(List.of("1-0-6:updated#2"), briefs(snapshot(SPEED, null, 62_000, 2)));
        assertEquals(WidgetLifecycle.MAX_OPEN_EVENTS + 2, lifecycle.openEvents().size());
    }

    @Test
    public void eventIdsAreStable() {
        assertEquals("1-0-5-60000", WidgetLifecycle.eventId(COUNT, B1));
        assertEquals("1-0-6", WidgetLifecycle.eventId(SPEED, null));
    }
}
