package io.flowmqtt.webhook.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonIOException;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.flowmqtt.api.EventState;
import io.flowmqtt.api.widgets.TimeBlock;
import io.flowmqtt.api.widgets.WidgetEventReport;
import io.flowmqtt.api.widgets.WidgetRef;
import io.flowmqtt.api.widgets.WidgetSnapshot;
import io.flowmqtt.api.widgets.WidgetType;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a webhook body into widget reports, or says what is wrong with it, naming the field
 * ({@code cube_id}, {@code [2].time_block.end}, ...). Pure: no OSGi, no I/O, no state.
 *
 * <p>The body is one widget object or an array of them (a batch). A batch is all or nothing: every
 * element is checked before any is reported. Fields not in the schema are ignored, so a sender
 * may add its own. JSON is read strictly (RFC 8259; no comments, no single quotes, no trailing
 * data) with Gson's nesting limit.
 */
final class WebhookParser {
    /** Largest epoch-millisecond value accepted: 9999-12-31T23:59:59.999Z. */
    static final long MAX_EPOCH_MILLIS = 253_402_300_799_999L;
    static final int MAX_EVENT_ID_LENGTH = 256;
    private static final int MAX_ECHO = 40;
    private static final int MAX_SYNTAX_MESSAGE = 160;
    private static final String TYPES = "value, statistical_value, distribution or events";

    private WebhookParser() {
    }

    /**
     * @param body        the raw body, UTF-8
     * @param defaultType the type of an object without {@code widget_type}, or {@code null}: then it is required
     * @param receivedAt  the timestamp of an object without {@code timestamp}, epoch milliseconds
     */
    static List<Report> parse(byte[] body, WidgetType defaultType, long receivedAt) throws BadRequest {
        JsonElement root = readJson(decode(body));
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

    private static String decode(byte[] body) throws BadRequest {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequest("the body is not valid UTF-8 text");
        }
        if (text.isBlank()) {
            throw new BadRequest("the body is empty; send a widget object or an array of them as JSON");
        }
        return text;
    }

    private static JsonElement readJson(String text) throws BadRequest {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        try {
            JsonElement root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new BadRequest("the body is not valid JSON: more data follows the JSON value at " + where(reader));
            }
            return root;
        } catch (JsonParseException | IOException e) {
            throw new BadRequest("the body is not valid JSON: " + syntaxError(e));
        } catch (StackOverflowError | NumberFormatException e) {
            throw new BadRequest("the body is not valid JSON: it is nested too deeply or has an unusable number");
        }
    }

    private static String syntaxError(Exception e) {
        Throwable cause = e;
        while ((cause instanceof JsonParseException || cause instanceof JsonIOException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        int newline = message.indexOf('\n'); // Gson appends a link to its troubleshooting guide
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        message = message.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
        if (message.length() > MAX_SYNTAX_MESSAGE) { // a deep JSON path can be long
            message = message.substring(0, MAX_SYNTAX_MESSAGE) + "...";
        }
        if (cause instanceof java.io.EOFException) {
            return "it ends early, the body may be truncated (" + message + ")";
        }
        return message;
    }

    private static String where(JsonReader reader) {
        String location = reader.toString(); // "JsonReader at line 1 column 10 path $"
        int at = location.indexOf(" at ");
        return at >= 0 ? location.substring(at + 4) : location;
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

    /** Epoch milliseconds (a number) or an ISO-8601 date-time with a zone (a string). */
    static long timestamp(JsonElement e, String field) throws BadRequest {
        if (isString(e)) {
            try {
                long millis = OffsetDateTime.parse(e.getAsString()).toInstant().toEpochMilli();
                if (millis < 0 || millis > MAX_EPOCH_MILLIS) {
                    throw new BadRequest(field + ": " + describe(e) + " is outside 1970 to 9999");
                }
                return millis;
            } catch (DateTimeParseException | ArithmeticException ex) {
                throw new BadRequest(field + ": " + describe(e) + " is not an ISO-8601 date-time with a zone, "
                        + "like 2026-11-25T14:01:47.123Z");
            }
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            return integer(e, field, MAX_EPOCH_MILLIS);
        }
        throw new BadRequest(field + ": must be epoch milliseconds (a number) or an ISO-8601 date-time (a string), got "
                + describe(e));
    }

    /** A whole number from 0 to {@code max}; {@code 3.0} counts as 3. */
    private static long integer(JsonElement e, String field, long max) throws BadRequest {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new BadRequest(field + ": must be a non-negative integer, got " + describe(e));
        }
        try {
            BigDecimal value = e.getAsBigDecimal();
            if (value.signum() >= 0 && value.compareTo(BigDecimal.valueOf(max)) <= 0) {
                return value.longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException notWhole) {
            // falls through to the message
        }
        throw new BadRequest(field + ": must be an integer from 0 to " + max + ", got " + describe(e));
    }

    private static JsonElement required(JsonObject o, String name, String at, String what) throws BadRequest {
        if (!present(o, name)) {
            throw new BadRequest(at + name + ": required, " + what);
        }
        return o.get(name);
    }

    private static String optionalString(JsonObject o, String name, String at) throws BadRequest {
        if (!present(o, name)) {
            return "";
        }
        JsonElement e = o.get(name);
        if (!isString(e)) {
            throw new BadRequest(at + name + ": must be a string, got " + describe(e));
        }
        return e.getAsString();
    }

    /** JSON null counts as absent. */
    private static boolean present(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && !e.isJsonNull();
    }

    private static boolean isString(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    }

    /** What a value is, for messages; quotes at most the first characters of what the sender wrote. */
    static String describe(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "an array";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return "the boolean " + p.getAsBoolean();
        }
        String text = p.getAsString();
        String shown = text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "..." : text;
        return p.isNumber() ? "the number " + shown : "the string " + new JsonPrimitive(shown);
    }
}
