package io.flowmqtt.outputs.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.flowmqtt.api.EventState;
import io.flowmqtt.api.FlowEvent;
import io.flowmqtt.api.TimestampFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class PayloadBuilderTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static final long START = Instant.parse("2026-11-25T14:01:00.000Z").toEpochMilli();
    private static final long END = Instant.parse("2026-11-25T14:02:00.000Z").toEpochMilli();
    private static final long NOW = Instant.parse("2026-11-25T14:01:47.123Z").toEpochMilli();

    private static FlowEvent timeBlockEvent() {
        JsonObject body = new JsonObject();
        body.addProperty("cube_id", 3);
        body.addProperty("analytic_id", 0);
        body.addProperty("widget_id", 12);
        body.addProperty("widget_name", "North arm count");
        body.addProperty("widget_type", "value");
        JsonObject block = new JsonObject();
        block.addProperty("start", START);
        block.addProperty("end", END);
        body.add("time_block", block);
        JsonObject data = new JsonObject();
        data.addProperty("data_validity", "ok");
        data.addProperty("object_count", 7);
        body.add("data", data);
        return FlowEvent.of("widgets", "3-0-12-" + START, "3/0/12", EventState.UPDATED, 2, NOW, body);
    }

    @Test
    public void blockNameFirstThenTheBodyThenTheEnvelopeThenSeq() {
        JsonObject payload = PayloadBuilder.build(timeBlockEvent(), "RCE Block", "rce", "m-1", TimestampFormat.EPOCH_MILLIS);
        assertEquals(List.of("block_name", "cube_id", "analytic_id", "widget_id", "widget_name", "widget_type", "time_block", "data",
                "device_id", "event_id", "event_state", "revision", "timestamp", "message_id"), new ArrayList<>(payload.keySet()));
        JsonObject rendered = parse(PayloadBuilder.render(payload, 41));
        assertEquals(List.of("block_name", "cube_id", "analytic_id", "widget_id", "widget_name", "widget_type", "time_block", "data",
                "device_id", "event_id", "event_state", "revision", "timestamp", "message_id", "seq"), new ArrayList<>(rendered.keySet()));
        assertEquals("RCE Block", rendered.get("block_name").getAsString());
        assertEquals(3, rendered.get("cube_id").getAsInt());
        assertEquals("rce", rendered.get("device_id").getAsString());
        assertEquals("3-0-12-" + START, rendered.get("event_id").getAsString());
        assertEquals("updated", rendered.get("event_state").getAsString());
        assertEquals(2, rendered.get("revision").getAsLong());
        assertEquals(NOW, rendered.get("timestamp").getAsLong());
        assertEquals(START, rendered.getAsJsonObject("time_block").get("start").getAsLong());
        assertEquals(END, rendered.getAsJsonObject("time_block").get("end").getAsLong());
        assertEquals("m-1", rendered.get("message_id").getAsString());
        assertEquals(41, rendered.get("seq").getAsLong());
        assertEquals(7, rendered.getAsJsonObject("data").get("object_count").getAsInt());
    }

    @Test
    public void isoTimestampsWithMillisIncludingTheTimeBlock() {
        JsonObject payload = PayloadBuilder.build(timeBlockEvent(), "b", "d", "m", TimestampFormat.ISO_8601);
        assertEquals("2026-11-25T14:01:47.123Z", payload.get("timestamp").getAsString());
        assertEquals("2026-11-25T14:01:00.000Z", payload.getAsJsonObject("time_block").get("start").getAsString());
        assertEquals("2026-11-25T14:02:00.000Z", payload.getAsJsonObject("time_block").get("end").getAsString());
        assertEquals("1970-01-01T00:00:00.000Z", PayloadBuilder.timestamp(0, TimestampFormat.ISO_8601).getAsString());
        assertEquals(12345L, PayloadBuilder.timestamp(12345, TimestampFormat.EPOCH_MILLIS).getAsLong());
    }

    @Test
    public void theEventIsNotChanged() {
        FlowEvent event = timeBlockEvent();
        PayloadBuilder.build(event, "b", "d", "m", TimestampFormat.ISO_8601);
        assertEquals(START, event.body().getAsJsonObject("time_block").get("start").getAsLong());
        assertFalse(event.body().has("block_name"));
    }

    @Test
    public void renderedAgainCarriesTheNewSeqOnce() {
        JsonObject payload = PayloadBuilder.build(timeBlockEvent(), "b", "d", "m", TimestampFormat.EPOCH_MILLIS);
        PayloadBuilder.render(payload, 1);
        String again = new String(PayloadBuilder.render(payload, 2), StandardCharsets.UTF_8);
        assertEquals(2, parse(again.getBytes(StandardCharsets.UTF_8)).get("seq").getAsLong());
        assertEquals(again.indexOf("\"seq\""), again.lastIndexOf("\"seq\""));
        String plain = new String(PayloadBuilder.render(withName("a<b>&'c"), 1), StandardCharsets.UTF_8);
        assertTrue("no HTML escaping: " + plain, plain.contains("\"widget_name\":\"a<b>&'c\""));
    }

    @Test
    public void diagnosticsBodyWithoutTimeBlock() {
        JsonObject body = new JsonObject();
        body.addProperty("host_name", "vm");
        FlowEvent event = FlowEvent.of("system", "system-1", "", EventState.CREATED, 1, NOW, body);
        JsonObject payload = parse(PayloadBuilder.render(PayloadBuilder.build(event, "blk", "blk", "m", TimestampFormat.ISO_8601), 7));
        assertEquals(List.of("block_name", "host_name", "device_id", "event_id", "event_state", "revision", "timestamp", "message_id", "seq"),
                new ArrayList<>(payload.keySet()));
        assertEquals("created", payload.get("event_state").getAsString());
        assertEquals("2026-11-25T14:01:47.123Z", payload.get("timestamp").getAsString());
    }

    private static JsonObject withName(String name) {
        JsonObject body = new JsonObject();
        body.addProperty("widget_name", name);
        return PayloadBuilder.build(FlowEvent.of("widgets", "e", "1/0/1", EventState.CREATED, 1, 0, body), "b", "d", "m",
                TimestampFormat.EPOCH_MILLIS);
    }

    private static JsonObject parse(byte[] bytes) {
        return JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject();
    }
}
