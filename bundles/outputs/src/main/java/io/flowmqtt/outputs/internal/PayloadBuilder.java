package io.flowmqtt.outputs.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.flowmqtt.api.FlowEvent;
import io.flowmqtt.api.TimestampFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Builds message payloads. Widget events come out as FLOW's webhook body does ({@code block_name},
 * {@code cube_id}, {@code analytic_id}, then the widget's data), so the same builder serves an MQTT
 * output and a webhook alike; the envelope fields follow: {@code device_id}, {@code event_id},
 * {@code event_state}, {@code revision}, {@code timestamp}, {@code message_id}, {@code seq}.
 */
final class PayloadBuilder {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private PayloadBuilder() {
    }

    /** The payload without the interface's sequence number (a webhook's body). */
    static JsonObject build(FlowEvent event, String blockName, String deviceId, String messageId, TimestampFormat format) {
        JsonObject payload = new JsonObject();
        payload.addProperty("block_name", blockName);
        for (Map.Entry<String, JsonElement> field : event.body().entrySet()) {
            payload.add(field.getKey(), field.getValue());
        }
        if (format == TimestampFormat.ISO_8601 && payload.get("time_block") instanceof JsonObject block) {
            rewriteTimestamp(block, "start");
            rewriteTimestamp(block, "end");
        }
        payload.addProperty("device_id", deviceId);
        payload.addProperty("event_id", event.id());
        payload.addProperty("event_state", event.state().wireName());
        payload.addProperty("revision", event.revision());
        payload.add("timestamp", timestamp(event.timestamp(), format));
        payload.addProperty("message_id", messageId);
        return payload;
    }

    /** The MQTT payload: {@link #build} plus {@code seq}. */
    static byte[] render(JsonObject payload, long seq) {
        payload.addProperty("seq", seq);
        return GSON.toJson(payload).getBytes(StandardCharsets.UTF_8);
    }

    static JsonPrimitive timestamp(long epochMillis, TimestampFormat format) {
        if (format == TimestampFormat.ISO_8601) {
            return new JsonPrimitive(ISO.format(Instant.ofEpochMilli(epochMillis)));
        }
        return new JsonPrimitive(epochMillis);
    }

    private static void rewriteTimestamp(JsonObject object, String key) {
        JsonElement value = object.get(key);
        if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            object.add(key, timestamp(value.getAsLong(), TimestampFormat.ISO_8601));
        }
    }
}
