package io.flowmqtt.webhook.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class JsonFieldsTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static String refusal(ThrowingCall call) {
        try {
            call.run();
            fail("accepted");
            return null;
        } catch (BadRequest e) {
            return e.getMessage();
        }
    }

    private interface ThrowingCall {
        void run() throws BadRequest;
    }

    @Test
    public void integersAreWholeAndInRangeAndTheMessageNamesTheField() throws Exception {
        assertEquals(3, JsonFields.integer(new JsonPrimitive(3.0), "cube_id", 10));
        assertEquals("[1].cube_id: must be an integer from 0 to 10, got the number 11",
                refusal(() -> JsonFields.integer(new JsonPrimitive(11), "[1].cube_id", 10)));
        assertEquals("cube_id: must be an integer from 0 to 10, got the number 1.5",
                refusal(() -> JsonFields.integer(new JsonPrimitive(1.5), "cube_id", 10)));
        assertEquals("cube_id: must be a non-negative integer, got the string \"3\"",
                refusal(() -> JsonFields.integer(new JsonPrimitive("3"), "cube_id", 10)));
    }

    @Test
    public void timestampsAreEpochMillisOrIsoDateTimesWithAZone() throws Exception {
        assertEquals(1_795_615_307_123L, JsonFields.timestamp(new JsonPrimitive("2026-11-25T14:01:47.123Z"), "timestamp"));
        assertEquals(1_795_615_307_123L, JsonFields.timestamp(new JsonPrimitive("2026-11-25T15:01:47.123+01:00"), "timestamp"));
        assertEquals(42, JsonFields.timestamp(new JsonPrimitive(42), "timestamp"));
        assertTrue(refusal(() -> JsonFields.timestamp(new JsonPrimitive("2026-11-25 14:01"), "t")).startsWith("t: the string"));
        assertTrue(refusal(() -> JsonFields.timestamp(new JsonPrimitive(JsonFields.MAX_EPOCH_MILLIS + 1), "t"))
                .startsWith("t: must be an integer from 0 to " + JsonFields.MAX_EPOCH_MILLIS));
    }

    @Test
    public void nullCountsAsAbsentAndLongValuesAreShortenedInMessages() throws Exception {
        JsonObject o = new JsonObject();
        o.add("widget_name", JsonNull.INSTANCE);
        assertFalse(JsonFields.present(o, "widget_name"));
        assertEquals("", JsonFields.optionalString(o, "widget_name", ""));
        assertEquals("[0].data: required, an object", refusal(() -> JsonFields.required(o, "data", "[0].", "an object")));
        assertEquals("the string \"" + "x".repeat(40) + "...\"", JsonFields.describe(new JsonPrimitive("x".repeat(100))));
    }
}
