package io.flowmqtt.source.processing.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.flowmqtt.api.processing.UnitState;
import io.flowmqtt.api.status.Counters;
import io.flowmqtt.api.status.InterfaceStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Builds the body of a {@code processing} event from figures already read. Units are sorted by id
 * and interfaces by name, so consecutive samples line up. The interface entries take only the
 * status fields listed here; {@link InterfaceStatus} carries no secret in any case.
 */
final class ProcessingBody {
    private ProcessingBody() {
    }

    static JsonObject build(String blockName, long timestamp, ProcessFigures process, List<UnitState> units,
                            List<InterfaceStatus> interfaces) {
        JsonObject body = new JsonObject();
        body.add("block_name", text(blockName));
        body.addProperty("uptime_s", process.uptimeMillis() / 1000);
        body.addProperty("timestamp", timestamp);

        JsonObject memory = new JsonObject();
        memory.addProperty("heap_used", process.heapUsed());
        memory.add("heap_max", process.heapMax() < 0 ? JsonNull.INSTANCE : new JsonPrimitive(process.heapMax()));
        memory.add("rss_bytes", process.rssBytes() == null ? JsonNull.INSTANCE : new JsonPrimitive(process.rssBytes()));
        body.add("memory", memory);
        body.addProperty("threads", process.threads());

        List<UnitState> sortedUnits = new ArrayList<>(units);
        sortedUnits.sort(Comparator.comparing(UnitState::id));
        JsonArray unitArray = new JsonArray();
        for (UnitState unit : sortedUnits) {
            unitArray.add(unit(unit));
        }
        body.add("units", unitArray);

        List<InterfaceStatus> sortedInterfaces = new ArrayList<>(interfaces);
        sortedInterfaces.sort(
                Comparator.comparing(InterfaceStatus::name, Comparator.nullsLast(Comparator.naturalOrder())));
        JsonArray interfaceArray = new JsonArray();
        for (InterfaceStatus status : sortedInterfaces) {
            interfaceArray.add(mqttInterface(status));
        }
        body.add("interfaces", interfaceArray);
        return body;
    }

    private static JsonObject unit(UnitState unit) {
        JsonObject json = new JsonObject();
        json.addProperty("id", unit.id());
        json.add("name", text(unit.name()));
        json.addProperty("state", unit.state().name().toLowerCase(Locale.ROOT));
        double fps = unit.framesPerSecond();
        json.add("fps", Double.isFinite(fps) ? new JsonPrimitive(Math.round(fps * 10) / 10.0) : JsonNull.INSTANCE);
        json.addProperty("frames_processed", unit.framesProcessed());
        json.addProperty("frames_dropped", unit.framesDropped());
        json.add("last_error", text(unit.lastError()));
        return json;
    }

    private static JsonObject mqttInterface(InterfaceStatus status) {
        JsonObject json = new JsonObject();
        json.add("name", text(status.name()));
        json.add("state", status.state() == null ? JsonNull.INSTANCE
                : new JsonPrimitive(status.state().name().toLowerCase(Locale.ROOT)));
        json.add("broker", text(status.broker()));
        json.add("detail", text(status.detail()));
        Counters counters = status.counters();
        if (counters == null) {
            counters = Counters.builder().build();
        }
        json.addProperty("queued", counters.queued());
        json.addProperty("published", counters.published());
        json.addProperty("delivered", counters.delivered());
        json.addProperty("dropped", counters.dropped());
        json.addProperty("failed", counters.failed());
        json.addProperty("reconnects", counters.reconnects());
        json.addProperty("dead_letters", counters.deadLettered());
        if (status.maxQos() >= 0) {
            json.addProperty("broker_max_qos", status.maxQos());
        }
        json.add("last_error", text(status.lastError()));
        return json;
    }

    private static JsonElement text(String value) {
        return value == null || value.isEmpty() ? JsonNull.INSTANCE : new JsonPrimitive(value);
    }
}
