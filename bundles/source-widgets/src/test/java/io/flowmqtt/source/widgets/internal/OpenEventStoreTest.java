package io.flowmqtt.source.widgets.internal;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Open widget events survive an orderly restart: revisions go on, nothing is created twice. */
public class OpenEventStoreTest {
    private static final WidgetRef COUNT = new WidgetRef(3, 0, 12, "count", WidgetType.VALUE);
    private static final WidgetRef ZONE = new WidgetRef(3, 0, 14, "zone", WidgetType.EVENTS);
    private static final TimeBlock BLOCK = new TimeBlock(60_000, 120_000);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private static JsonObject data(int count) {
        JsonObject data = new JsonObject();
        data.addProperty("data_validity", "ok");
        data.addProperty("object_count", count);
        return data;
    }

    private static List<FlowEvent> collect(WidgetSource source) {
        List<FlowEvent> seen = new ArrayList<>();
        source.subscribe(new io.flowmqtt.api.SubscriptionRequest("t", java.time.Duration.ofSeconds(1)), seen::add);
        return seen;
    }

    @Test
    public void anOpenTimeBlockGoesOnAfterAnOrderlyRestart() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("widgets/open-events.json");
        WidgetSource before = new WidgetSource(new OpenEventStore(file));
        before.report(new WidgetSnapshot(COUNT, BLOCK, 61_000, data(5)));
        before.report(new WidgetEventReport(ZONE, "traj-7", EventState.CREATED, 61_000, data(1)));
        before.deactivate();
        assertTrue(Files.exists(file));

        WidgetSource after = new WidgetSource(new OpenEventStore(file));
        assertFalse("read once, then gone: a crash later never reads it again", Files.exists(file));
        List<FlowEvent> seen = collect(after);
        seen.clear(); // the replay of open events to a new subscriber
        after.report(new WidgetSnapshot(COUNT, BLOCK, 62_000, data(6)));
        after.report(new WidgetEventReport(ZONE, "traj-7", EventState.CLOSED, 62_000, data(1)));
        after.report(new WidgetSnapshot(COUNT, new TimeBlock(120_000, 180_000), 121_000, data(1)));

        assertEquals(4, seen.size());
        assertEquals(EventState.UPDATED, seen.get(0).state());
        assertEquals(2, seen.get(0).revision());
        assertEquals(EventState.CLOSED, seen.get(1).state());
        assertEquals("traj-7", seen.get(1).id());
        assertEquals(2, seen.get(1).revision());
        assertEquals(EventState.CLOSED, seen.get(2).state()); // the first block, with its last values
        assertEquals(3, seen.get(2).revision());
        assertEquals(6, seen.get(2).body().getAsJsonObject("data").get("object_count").getAsInt());
        assertEquals(EventState.CREATED, seen.get(3).state());
        assertEquals(1, seen.get(3).revision());
    }

    @Test
    public void anUnreadableFileIsIgnoredAndRemoved() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("open-events.json");
        Files.writeString(file, "{not json");
        WidgetSource source = new WidgetSource(new OpenEventStore(file));
        assertFalse(Files.exists(file));
        List<FlowEvent> seen = collect(source);
        source.report(new WidgetSnapshot(COUNT, BLOCK, 61_000, data(5)));
        assertEquals(EventState.CREATED, seen.get(0).state());
    }
}
