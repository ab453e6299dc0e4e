package io.flowmqtt.webhook.internal;

import static io.flowmqtt.webhook.internal.JsonFields.describe;
import static io.flowmqtt.webhook.internal.JsonFields.integer;
import static io.flowmqtt.webhook.internal.JsonFields.isString;
import static io.flowmqtt.webhook.internal.JsonFields.optionalString;
import static io.flowmqtt.webhook.internal.JsonFields.present;
import static io.flowmqtt.webhook.internal.JsonFields.required;
import static io.flowmqtt.webhook.internal.JsonFields.timestamp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.flowmqtt.api.EventState;
import io.flowmqtt.api.widgets.TimeBlock;
import io.flowmqtt.api.widgets.WidgetEventReport;
import io.flowmqtt.api.widgets.WidgetRef;
import io.flowmqtt.api.widgets.WidgetSnapshot;
import io.flowmqtt.api.widgets.WidgetType;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a webhook body into widget reports, or says what is wrong with it, naming the field
 * ({@code cube_id}, {@code [2].time_block.end}, ...). Pure: no OSGi, no I/O, no state.
 *
 * <p>The body is one widget object or an array of them (a batch). A batch is all or nothing: every
 * element is checked before any is reported. Fields not in the schema are ignored, so a sender
 * may add its own. The bytes become JSON in {@link JsonBody}; each field is read by {@link JsonFields}.
 */
final class WebhookParser {
    static final int MAX_EVENT_ID_LENGTH = 256;
    private static final String TYPES = "value, statistical_value, distribution or events";

    private WebhookParser() {
    }

    /**
     * @param body        the raw body, UTF-8
     * @param defaultType the type of an object without {@code widget_type}, or {@code null}: then it is required
     * @param receivedAt  the timestamp of an object without {@code timestamp}, epoch milliseconds
     */
    static List<Report> parse(byte[] body, WidgetType defaultType, long receivedAt) throws BadRequest {
        JsonElement root = JsonBody.read(body);
        if (root.isJsonObject()) {
            return List.of(report(root.getAsJsonObject(), "", defaultType, receivedAt));
        }
        if (!root.isJsonArray()) {
            throw new BadRequest("the body must be a JSON object or an array of objects, got " + describe(root));
        }
        JsonArray batch = root.getAsJsonArray();
        if (batch.isEmpty()) {
            throw new BadRequest("the body is an empty array; send one widget object or an array of them");
        }
        List<Report> reports = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            JsonElement element = batch.get(i);
            if (!element.isJsonObject()) {
                throw new BadRequest("[" + i + "]: must be a widget object, got " + describe(element));
            }
            reports.add(report(element.getAsJsonObject(), "[" + i + "].", defaultType, receivedAt));
        }
        return reports;
    }

    private static Report report(JsonObject o, String at, WidgetType defaultType, long receivedAt) throws BadRequest {
        optionalString(o, "block_name", at); // typed, otherwise unused: payloads carry the runtime's own block name
        int cube = (int) integer(required(o, "cube_id", at, "a non-negative integer"), at + "cube_id", Integer.MAX_VALUE);
        int analytic = (int) integer(required(o, "analytic_id", at, "a non-negative integer"), at + "analytic_id", Integer.MAX_VALUE);
        int widget = (int) integer(required(o, "widget_id", at, "a non-negative integer"), at + "widget_id", Integer.MAX_VALUE);
        String name = optionalString(o, "widget_name", at);
        WidgetType type = widgetType(o, at, defaultType);
        long timestamp = present(o, "timestamp") ? timestamp(o.get("timestamp"), at + "timestamp") : receivedAt;
        JsonObject data = data(o, at);
        WidgetRef ref = new WidgetRef(cube, analytic, widget, name, type);
        if (type.isSnapshot()) {
            return new Report.Snapshot(new WidgetSnapshot(ref, timeBlock(o, at), timestamp, data));
        }
        return new Report.Event(new WidgetEventReport(ref, eventId(o, at), eventState(o, at), timestamp, data));
    }

    private static WidgetType widgetType(JsonObject o, String at, WidgetType defaultType) throws BadRequest {
        if (!present(o, "widget_type")) {
            if (defaultType == null) {
                throw new BadRequest(at + "widget_type: required, one of " + TYPES);
            }
            return defaultType;
        }
        JsonElement e = o.get("widget_type");
        if (!isString(e)) {
            throw new BadRequest(at + "widget_type: must be a string, one of " + TYPES + ", got " + describe(e));
        }
        WidgetType type = WidgetType.fromJsonId(e.getAsString());
        if (type == null) {
            throw new BadRequest(at + "widget_type: " + describe(e) + " is not supported; use " + TYPES);
        }
        return type;
    }

    private static JsonObject data(JsonObject o, String at) throws BadRequest {
        JsonElement e = required(o, "data", at, "an object");
        if (!e.isJsonObject()) {
            throw new BadRequest(at + "data: must be an object, got " + describe(e));
        }
        JsonObject data = e.getAsJsonObject();
        if (present(data, "data_validity") && !isString(data.get("data_validity"))) {
            throw new BadRequest(at + "data.data_validity: must be a string like \"ok\", got " + describe(data.get("data_validity")));
        }
        if (present(data, "object_count")) {
            integer(data.get("object_count"), at + "data.object_count", Long.MAX_VALUE);
        }
        return data;
    }

    private static TimeBlock timeBlock(JsonObject o, String at) throws BadRequest {
        if (!present(o, "time_block")) {
            return null;
        }
        JsonElement e = o.get("time_block");
        if (!e.isJsonObject()) {
            throw new BadRequest(at + "time_block: must be an object {\"start\": ..., \"end\": ...}, got " + describe(e));
        }
        JsonObject block = e.getAsJsonObject();
        String inner = at + "time_block.";
        long start = timestamp(required(block, "start", inner, "a timestamp"), inner + "start");
        long end = timestamp(required(block, "end", inner, "a timestamp"), inner + "end");
        if (end <= start) {
            throw new BadRequest(at + "time_block: end must be after start");
        }
        return new TimeBlock(start, end);
    }

    private static String eventId(JsonObject o, String at) throws BadRequest {
        JsonElement e = required(o, "event_id", at, "a string (widget_type events)");
        String id;
        if (isString(e)) {
            id = e.getAsString();
        } else if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            id = Long.toString(integer(e, at + "event_id", Long.MAX_VALUE));
        } else {
            throw new BadRequest(at + "event_id: must be a string, got " + describe(e));
        }
        if (id.isBlank() || id.length() > MAX_EVENT_ID_LENGTH) {
            throw new BadRequest(at + "event_id: must have 1 to " + MAX_EVENT_ID_LENGTH + " characters");
        }
        return id;
    }

    private static EventState eventState(JsonObject o, String at) throws BadRequest {
        JsonElement e = required(o, "event_state", at, "created, updated or closed (widget_type events)");
        if (isString(e)) {
            for (EventState state : EventState.values()) {
                if (state.wireName().equals(e.getAsString())) {
                    return state;
                }
            }
        }
        throw new BadRequest(at + "event_state: must be created, updated or closed, got " + describe(e));
    }

}
