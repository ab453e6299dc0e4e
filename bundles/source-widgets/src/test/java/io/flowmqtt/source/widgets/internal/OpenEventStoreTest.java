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
import org.junit.rules.Timeout;

/** Open widget events survive an orderly restart: revisions go on, nothing is created twice. */
public class OpenEventStoreTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

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

    /**
     * A corrupt file is not silently dropped: a warning names the file and the problem, the file is
     * moved aside unchanged (for a post-mortem), and the source starts afresh.
     */
    @Test
    public void aCorruptFileIsLoggedMovedAsideAndTheSourceStartsAfresh() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("open-events.json");
        Files.writeString(file, "{not json");
        List<String> warnings = new ArrayList<>();
        WidgetSource source = new WidgetSource(new OpenEventStore(file, () -> 1_795_620_000_000L, warnings::add));

        assertFalse("not read again at the next start", Files.exists(file));
        Path aside = file.resolveSibling("open-events.json.corrupt-1795620000000");
        assertEquals("moved aside unchanged", "{not json", Files.readString(aside));
        assertEquals(1, warnings.size());
        String warning = warnings.get(0);
        assertTrue(warning, warning.startsWith("Saved open widget events " + file + " are corrupt (com.google.gson.JsonSyntaxException: "));
        assertTrue(warning, warning.endsWith("; moved aside to open-events.json.corrupt-1795620000000, the widgets start afresh"));

        List<FlowEvent> seen = collect(source);
        assertTrue("nothing restored, nothing replayed", seen.isEmpty());
        source.report(new WidgetSnapshot(COUNT, BLOCK, 61_000, data(5)));
        assertEquals(EventState.CREATED, seen.get(0).state());
        assertEquals(1, seen.get(0).revision());
    }

    /** Valid JSON that is not what was saved counts as corrupt too, with the problem in words. */
    @Test
    public void wellFormedButUnusableContentIsCorruptToo() throws Exception {
        String[][] cases = {
            {"", "expected a JSON array of events, found nothing (an empty file)"},
            {"{\"id\":\"x\"}", "expected a JSON array of events, found an object"},
            {"[{\"id\":\"3-0-12-60000\",\"subject\":\"3/0/12\",\"state\":\"OPENED\",\"revision\":1,\"timestamp\":1,\"body\":{}}]",
                "event 0 is not usable: java.lang.IllegalArgumentException: No enum constant"},
            {"[{\"id\":\"3-0-12-60000\"}]", "event 0 is not usable: java.lang.NullPointerException"},
        };
        long millis = 1;
        for (String[] c : cases) {
            Path file = tmp.getRoot().toPath().resolve("open-events.json");
            Files.writeString(file, c[0]);
            List<String> warnings = new ArrayList<>();
            long now = millis++;
            List<FlowEvent> restored = new OpenEventStore(file, () -> now, warnings::add).takeAll();
            assertTrue(restored.isEmpty());
            assertFalse(Files.exists(file));
            assertEquals(c[0], Files.readString(file.resolveSibling("open-events.json.corrupt-" + now)));
            assertEquals(1, warnings.size());
            assertTrue(warnings.get(0), warnings.get(0).contains(" are corrupt (java.lang.IllegalStateException: " + c[1]));
        }
    }

    @Test
    public void noFileNoWarning() {
        List<String> warnings = new ArrayList<>();
        assertTrue(new OpenEventStore(tmp.getRoot().toPath().resolve("none.json"), () -> 1, warnings::add).takeAll().isEmpty());
        assertTrue(warnings.isEmpty());
    }
}
