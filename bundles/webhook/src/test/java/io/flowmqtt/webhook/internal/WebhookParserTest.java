package io.flowmqtt.webhook.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.flowmqtt.api.EventState;
import io.flowmqtt.api.widgets.WidgetEventReport;
import io.flowmqtt.api.widgets.WidgetSnapshot;
import io.flowmqtt.api.widgets.WidgetType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class WebhookParserTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static final long RECEIVED = 1_795_618_999_000L;

    static final String VALUE = "{\"block_name\": \"RCE Block\", \"cube_id\": 3, \"analytic_id\": 0, \"widget_id\": 12,"
            + " \"widget_name\": \"North arm count\", \"widget_type\": \"value\", \"timestamp\": 1795618870944,"
            + " \"time_block\": {\"start\": 1795618860000, \"end\": 1795618920000},"
            + " \"data\": {\"data_validity\": \"ok\", \"object_count\": 4, \"categories\": {\"car\": 3, \"bus\": 1}}}";

    @Test
    public void aValueWidgetInTimeBlockModeBecomesASnapshot() throws Exception {
        WidgetSnapshot s = snapshot(parse(VALUE, null).get(0));
        assertEquals(3, s.widget().cubeId());
        assertEquals(0, s.widget().analyticId());
        assertEquals(12, s.widget().widgetId());
        assertEquals("North arm count", s.widget().widgetName());
        assertEquals(WidgetType.VALUE, s.widget().type());
        assertEquals(1795618870944L, s.timestamp());
        assertEquals(1795618860000L, s.timeBlock().start());
        assertEquals(1795618920000L, s.timeBlock().end());
        assertEquals(4, s.data().get("object_count").getAsInt());
        assertEquals(3, s.data().getAsJsonObject("categories").get("car").getAsInt());
    }

    @Test
    public void aStatisticalValueWithoutTimeBlockAndWithoutTimestampUsesTheTimeOfReceipt() throws Exception {
        WidgetSnapshot s = snapshot(parse("{\"cube_id\": 1, \"analytic_id\": 2, \"widget_id\": 3, \"widget_type\": \"statistical_value\","
                + " \"data\": {\"data_validity\": \"ok\", \"object_count\": 9, \"unit\": \"km/h\", \"mean\": 48.5, \"p85\": null}}", null).get(0));
        assertEquals(WidgetType.STATISTICAL_VALUE, s.widget().type());
        assertNull(s.timeBlock());
        assertEquals(RECEIVED, s.timestamp());
        assertEquals("", s.widget().widgetName());
        assertEquals(48.5, s.data().get("mean").getAsDouble(), 0.0);
    }

    @Test
    public void aDistributionIsASnapshot() throws Exception {
        WidgetSnapshot s = snapshot(parse("{\"cube_id\": 1, \"analytic_id\": 0, \"widget_id\": 3, \"widget_type\": \"distribution\","
                + " \"timestamp\": 1795618870000, \"data\": {\"data_validity\": \"ok\", \"object_count\": 10, \"percent\": {\"car\": 70, \"bus\": 30}}}", null).get(0));
        assertEquals(WidgetType.DISTRIBUTION, s.widget().type());
        assertEquals(70, s.data().getAsJsonObject("percent").get("car").getAsInt());
    }

    @Test
    public void anEventsWidgetBecomesAnEventReport() throws Exception {
        for (EventState state : EventState.values()) {
            WidgetEventReport e = event(parse("{\"cube_id\": 1, \"analytic_id\": 0, \"widget_id\": 4, \"widget_type\": \"events\","
                    + " \"event_id\": \"traj-7\", \"event_state\": \"" + state.wireName() + "\", \"timestamp\": 1795618917841,"
                    + " \"data\": {\"data_validity\": \"ok\", \"object_count\": 1, \"category\": \"car\"}}", null).get(0));
            assertEquals("traj-7", e.eventId());
            assertEquals(state, e.state());
            assertEquals(1795618917841L, e.timestamp());
            assertEquals("car", e.data().get("category").getAsString());
        }
    }

    @Test
    public void aNumericEventIdIsAccepted() throws Exception {
        WidgetEventReport e = event(parse("{\"cube_id\": 1, \"analytic_id\": 0, \"widget_id\": 4, \"widget_type\": \"events\","
                + " \"event_id\": 981, \"event_state\": \"created\", \"data\": {}}", null).get(0));
        assertEquals("981", e.eventId());
    }

    @Test
    public void aBatchKeepsItsOrderAndMixesTypes() throws Exception {
        List<Report> reports = parse("[" + VALUE + ", {\"cube_id\": 1, \"analytic_id\": 0, \"widget_id\": 4, \"widget_type\": \"events\","
                + " \"event_id\": \"e1\", \"event_state\": \"closed\", \"data\": {}}, " + VALUE.replace("\"widget_id\": 12", "\"widget_id\": 13") + "]", null);
        assertEquals(3, reports.size());
        assertEquals(12, snapshot(reports.get(0)).widget().widgetId());
        assertEquals("e1", event(reports.get(1)).eventId());
        assertEquals(13, snapshot(reports.get(2)).widget().widgetId());
    }

    @Test
    public void isoTimestampsWithZoneOrOffsetAreAccepted() throws Exception {
        WidgetSnapshot s = snapshot(parse("{\"cube_id\": 1, \"analytic_id\": 0, \"widget_id\": 1, \"widget_type\": \"value\","
                + " \"timestamp\": \"2026-11-25T14:01:47.123Z\", \"time_block\": {\"start\": \"2026-11-25T15:00:00+01:00\","
                + " \"end\": \"2026-11-25T14:01:00Z\"}, \"data\": {}}", null).get(0));
        assertEquals(1795615307123L, s.timestamp());
        assertEquals(1795615200000L, s.timeBlock().start());
        assertEquals(1795615260000L, s.timeBlock().end());
    }

    @Test
    public void theDefaultWidgetTypeAppliesOnlyWithoutWidgetType() throws Exception {
        String noType = "{\"cube_id\": 1, \"analytic_id\": 0, \"widget_id\": 1, \"data\": {}}";
        assertEquals(WidgetType.DISTRIBUTION, snapshot(parse(noType, WidgetType.DISTRIBUTION).get(0)).widget().type());
        assertEquals(WidgetType.VALUE, snapshot(parse(VALUE, WidgetType.DISTRIBUTION).get(0)).widget().type());
        assertBad(noType, null, "widget_type: required");
    }

    @Test
    public void unknownFieldsAndNullOptionalsAreIgnored() throws Exception {
        WidgetSnapshot s = snapshot(parse("{\"cube_id\": 1, \"analytic_id\": 0, \"widget_id\": 1, \"widget_type\": \"value\","
                + " \"firmware\": \"2.4\", \"time_block\": null, \"widget_name\": null, \"data\": {\"x\": [1, 2]}}", null).get(0));
        assertNull(s.timeBlock());
        assertEquals("", s.widget().widgetName());
    }

    @Test
    public void integralNumbersWrittenWithAFractionAreAccepted() throws Exception {
        assertEquals(3, snapshot(parse(VALUE.replace("\"cube_id\": 3", "\"cube_id\": 3.0"), null).get(0)).widget().cubeId());
    }

    @Test
    public void wrongTypesAreNamed() {
        assertBad(VALUE.replace("\"cube_id\": 3", "\"cube_id\": \"x\""), null, "cube_id: must be a non-negative integer, got the string \"x\"");
        assertBad(VALUE.replace("\"cube_id\": 3", "\"cube_id\": \"3\""), null, "cube_id: must be a non-negative integer, got the string \"3\"");
        assertBad(VALUE.replace("\"analytic_id\": 0", "\"analytic_id\": -1"), null, "analytic_id: must be an integer from 0 to 2147483647, got the number -1");
        assertBad(VALUE.replace("\"widget_id\": 12", "\"widget_id\": 1.5"), null, "widget_id: must be an integer from 0");
        assertBad(VALUE.replace("\"widget_id\": 12", "\"widget_id\": 99999999999"), null, "widget_id: must be an integer from 0");
        assertBad(VALUE.replace("\"widget_id\": 12", "\"widget_id\": 1e999999"), null, "widget_id: must be an integer from 0");
        assertBad(VALUE.replace("\"widget_name\": \"North arm count\"", "\"widget_name\": 5"), null, "widget_name: must be a string, got the number 5");
        assertBad(VALUE.replace("\"block_name\": \"RCE Block\"", "\"block_name\": {}"), null, "block_name: must be a string, got an object");
        assertBad(VALUE.replace("\"widget_type\": \"value\"", "\"widget_type\": 1"), null, "widget_type: must be a string");
        assertBad(VALUE.replace("\"timestamp\": 1795618870944", "\"timestamp\": true"), null, "timestamp: must be epoch milliseconds (a number) or an ISO-8601 date-time (a string), got the boolean true");
        assertBad(VALUE.replace("\"timestamp\": 1795618870944", "\"timestamp\": \"yesterday\""), null, "timestamp: the string \"yesterday\" is not an ISO-8601 date-time with a zone");
        assertBad(VALUE.replace("\"timestamp\": 1795618870944", "\"timestamp\": \"2026-11-25T14:01:47\""), null, "timestamp: the string \"2026-11-25T14:01:47\" is not an ISO-8601 date-time with a zone");
        assertBad(VALUE.replace("\"data\": {", "\"data\": [], \"x\": {"), null, "data: must be an object, got an array");
        assertBad(VALUE.replace("\"object_count\": 4", "\"object_count\": \"4\""), null, "data.object_count: must be a non-negative integer, got the string \"4\"");
        assertBad(VALUE.replace("\"data_validity\": \"ok\"", "\"data_validity\": 1"), null, "data.data_validity: must be a string");
        assertBad(VALUE.replace("\"time_block\": {", "\"time_block\": 5, \"x\": {"), null, "time_block: must be an object");
        assertBad(VALUE.replace("\"start\": 1795618860000", "\"start\": \"soon\""), null, "time_block.start: the string \"soon\" is not an ISO-8601");
        assertBad(VALUE.replace("\"end\": 1795618920000", "\"end\": 1795618860000"), null, "time_block: end must be after start");
        assertBad(VALUE.replace("\"end\": 1795618920000", "\"stop\": 1795618920000"), null, "time_block.end: required");
    }

    @Test
    public void missingFieldsAreNamed() {
        assertBad(VALUE.replace("\"widget_id\": 12,", ""), null, "widget_id: required, a non-negative integer");
        assertBad(VALUE.replace("\"cube_id\": 3,", ""), null, "cube_id: required");
        assertBad(VALUE.replace("\"widget_id\": 12,", "\"widget_id\": null,"), null, "widget_id: required");
        assertBad("{\"cube_id\": 1, \"analytic_id\": 0, \"widget_id\": 1, \"widget_type\": \"value\"}", null, "data: required, an object");
    }

    @Test
    public void eventsNeedAnIdAndAKnownState() {
        String event = "{\"cube_id\": 1, \"analytic_id\": 0, \"widget_id\": 4, \"widget_type\": \"events\", %s \"data\": {}}";
        assertBad(String.format(event, "\"event_state\": \"created\","), null, "event_id: required");
        assertBad(String.format(event, "\"event_id\": \"\", \"event_state\": \"created\","), null, "event_id: must have 1 to 256 characters");
        assertBad(String.format(event, "\"event_id\": [1], \"event_state\": \"created\","), null, "event_id: must be a string, got an array");
        assertBad(String.format(event, "\"event_id\": \"e1\","), null, "event_state: required, created, updated or closed");
        assertBad(String.format(event, "\"event_id\": \"e1\", \"event_state\": \"open\","), null, "event_state: must be created, updated or closed, got the string \"open\"");
        assertBad(String.format(event, "\"event_id\": \"e1\", \"event_state\": \"CREATED\","), null, "event_state: must be created, updated or closed");
        assertBad(String.format(event, "\"event_id\": \"e1\", \"event_state\": 1,"), null, "event_state: must be created, updated or closed, got the number 1");
    }

    @Test
    public void anUnknownWidgetTypeIsRefusedWithTheKnownOnes() {
        assertBad(VALUE.replace("\"widget_type\": \"value\"", "\"widget_type\": \"heatmap\""), WidgetType.VALUE,
                "widget_type: the string \"heatmap\" is not supported; use value, statistical_value, distribution or events");
    }

    @Test
    public void errorsInABatchNameTheElement() {
        assertBad("[" + VALUE + ", " + VALUE.replace("\"cube_id\": 3", "\"cube_id\": \"x\"") + "]", null, "[1].cube_id: must be a non-negative integer");
        assertBad("[" + VALUE + ", 7]", null, "[1]: must be a widget object, got the number 7");
        assertBad("[" + VALUE + ", " + VALUE.replace("\"end\": 1795618920000", "\"end\": 1") + "]", null, "[1].time_block: end must be after start");
        assertBad("[]", null, "the body is an empty array");
    }

    @Test
    public void truncatedJsonIsRefused() {
        assertBad(VALUE.substring(0, VALUE.length() / 2), null, "the body is not valid JSON: it ends early, the body may be truncated");
        assertBad("{\"cube_id\": 3,", null, "the body is not valid JSON");
        assertBad("[" + VALUE, null, "the body is not valid JSON");
    }

    @Test
    public void textThatIsNotJsonIsRefused() {
        assertBad("hello", null, "the body is not valid JSON");
        assertBad("cube_id=3&widget_id=1", null, "the body is not valid JSON");
        assertBad("<xml/>", null, "the body is not valid JSON");
        assertBad("{'cube_id': 3}", null, "the body is not valid JSON");
        assertBad("{\"cube_id\": 3} // comment", null, "the body is not valid JSON");
        assertBad(VALUE + " {}", null, "the body is not valid JSON");
        assertBad("", null, "the body is empty");
        assertBad("   \n", null, "the body is empty");
        assertBad("42", null, "the body must be a JSON object or an array of objects, got the number 42");
        assertBad("\"text\"", null, "the body must be a JSON object or an array of objects, got the string \"text\"");
        assertBad("null", null, "the body must be a JSON object or an array of objects, got null");
        try {
            WebhookParser.parse(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, null, RECEIVED);
            fail("invalid UTF-8 accepted");
        } catch (BadRequest e) {
            assertEquals("the body is not valid UTF-8 text", e.getMessage());
        }
    }

    @Test
    public void gsonAdviceDoesNotLeakIntoMessages() {
        BadRequest e = bad("{'cube_id': 3}", null);
        assertTrue(e.getMessage(), !e.getMessage().contains("setStrictness") && !e.getMessage().contains("https://"));
    }

    @Test
    public void deepNestingIsRefusedNotACrash() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertBad(deep, null, "the body is not valid JSON: Nesting limit");
        assertTrue(bad(deep, null).getMessage().length() < 250);
        String deepData = VALUE.replace("\"categories\": {", "\"deep\": " + "[".repeat(5000) + "]".repeat(5000) + ", \"categories\": {");
        assertBad(deepData, null, "the body is not valid JSON");
    }

    @Test
    public void longValuesAreShortenedInMessages() {
        String longText = "x".repeat(10_000);
        BadRequest e = bad(VALUE.replace("\"widget_type\": \"value\"", "\"widget_type\": \"" + longText + "\""), null);
        assertTrue(e.getMessage(), e.getMessage().length() < 200);
    }

    private static List<Report> parse(String body, WidgetType defaultType) throws BadRequest {
        return WebhookParser.parse(body.getBytes(StandardCharsets.UTF_8), defaultType, RECEIVED);
    }

    private static WidgetSnapshot snapshot(Report report) {
        return ((Report.Snapshot) report).snapshot();
    }

    private static WidgetEventReport event(Report report) {
        return ((Report.Event) report).event();
    }

    private static BadRequest bad(String body, WidgetType defaultType) {
        try {
            parse(body, defaultType);
        } catch (BadRequest e) {
            return e;
        }
        throw new AssertionError("accepted: " + (body.length() > 200 ? body.substring(0, 200) + "..." : body));
    }

    private static void assertBad(String body, WidgetType defaultType, String expectedStart) {
        String message = bad(body, defaultType).getMessage();
        assertTrue("expected '" + expectedStart + "...' but was '" + message + "'", message.startsWith(expectedStart));
    }
}
