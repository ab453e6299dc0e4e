package io.flowmqtt.source.widgets.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.flowmqtt.api.EventState;
import io.flowmqtt.api.FlowEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keeps the open widget events across an orderly restart (a software update, a reboot), so that a
 * time block that was open goes on with its revisions instead of being created a second time, and
 * a block that ended meanwhile is closed with its last values. Written on orderly shutdown, read
 * and deleted on start: after a crash nothing stale is ever read.
 */
final class OpenEventStore {
    private final Path file;

    OpenEventStore(Path file) {
        this.file = file;
    }

    void save(List<FlowEvent> events) throws IOException {
        JsonArray all = new JsonArray();
        for (FlowEvent event : events) {
            JsonObject json = new JsonObject();
            json.addProperty("id", event.id());
            json.addProperty("subject", event.subject());
            json.addProperty("state", event.state().name());
            json.addProperty("revision", event.revision());
            json.addProperty("timestamp", event.timestamp());
            json.add("body", event.body());
            all.add(json);
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, all.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The events saved by the last orderly shutdown, once; an unreadable file counts as none. */
    List<FlowEvent> takeAll() {
        List<FlowEvent> events = new ArrayList<>();
        if (!Files.exists(file)) {
            return events;
        }
        try {
            for (JsonElement element : JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonArray()) {
                JsonObject json = element.getAsJsonObject();
                events.add(FlowEvent.of(WidgetLifecycle.SOURCE, json.get("id").getAsString(), json.get("subject").getAsString(),
                        EventState.valueOf(json.get("state").getAsString().toUpperCase(Locale.ROOT)),
                        json.get("revision").getAsLong(), json.get("timestamp").getAsLong(), json.getAsJsonObject("body")));
            }
        } catch (IOException | RuntimeException e) {
            events.clear(); // better to start afresh than from a half-read state
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // it would be read again after the next crash only if nothing overwrites it; harmless
        }
        return events;
    }
}
