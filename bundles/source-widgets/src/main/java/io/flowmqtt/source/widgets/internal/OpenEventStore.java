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
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the open widget events across an orderly restart (a software update, a reboot), so that a
 * time block that was open goes on with its revisions instead of being created a second time, and
 * a block that ended meanwhile is closed with its last values. Written on orderly shutdown, read
 * and deleted on start: after a crash nothing stale is ever read.
 *
 * <p>A saved file that cannot be read (cut short, edited by hand, from another version) is not
 * silently dropped: it is logged with its name and the problem, moved aside as
 * {@code open-events.json.corrupt-<epoch ms>} for whoever wants to look at it, and the widgets start
 * afresh (their open events are created anew).
 */
final class OpenEventStore {
    private static final Logger LOG = LoggerFactory.getLogger(OpenEventStore.class);

    private final Path file;
    private final LongSupplier clock;
    private final Consumer<String> warnings;

    OpenEventStore(Path file) {
        this(file, System::currentTimeMillis, LOG::warn);
    }

    /** With the clock that names a corrupt file's copy and where its warning goes (tests). */
    OpenEventStore(Path file, LongSupplier clock, Consumer<String> warnings) {
        this.file = file;
        this.clock = clock;
        this.warnings = warnings;
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

    /** The events saved by the last orderly shutdown, once; a corrupt file counts as none and is moved aside. */
    List<FlowEvent> takeAll() {
        if (!Files.exists(file)) {
            return new ArrayList<>();
        }
        List<FlowEvent> events;
        try {
            events = read();
        } catch (IOException | RuntimeException e) {
            moveAside(e); // better to start afresh than from a half-read state
            return new ArrayList<>();
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            warnings.accept("Saved open widget events " + file + " could not be deleted after reading (" + e
                    + "); after a crash they would be read again");
        }
        return events;
    }

    private List<FlowEvent> read() throws IOException {
        List<FlowEvent> events = new ArrayList<>();
        JsonElement root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
        if (!root.isJsonArray()) {
            throw new IllegalStateException("expected a JSON array of events, found " + describe(root));
        }
        int index = 0;
        for (JsonElement element : root.getAsJsonArray()) {
            try {
                JsonObject json = element.getAsJsonObject();
                events.add(FlowEvent.of(WidgetLifecycle.SOURCE, json.get("id").getAsString(), json.get("subject").getAsString(),
                        EventState.valueOf(json.get("state").getAsString().toUpperCase(Locale.ROOT)),
                        json.get("revision").getAsLong(), json.get("timestamp").getAsLong(), json.getAsJsonObject("body")));
            } catch (RuntimeException e) {
                throw new IllegalStateException("event " + index + " is not usable: " + e, e);
            }
            index++;
        }
        return events;
    }

    private void moveAside(Exception problem) {
        String what = "Saved open widget events " + file + (problem instanceof IOException ? " cannot be read (" : " are corrupt (")
                + problem + ")";
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + clock.getAsLong());
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            warnings.accept(what + "; moved aside to " + aside.getFileName() + ", the widgets start afresh");
        } catch (IOException moveFailed) {
            // not left in place: it would be read again at the next start, however stale by then
            try {
                Files.deleteIfExists(file);
                warnings.accept(what + " and could not be moved aside (" + moveFailed + "); deleted, the widgets start afresh");
            } catch (IOException deleteFailed) {
                warnings.accept(what + " and can be neither moved aside (" + moveFailed + ") nor deleted (" + deleteFailed
                        + "); the widgets start afresh");
            }
        }
    }

    private static String describe(JsonElement root) {
        if (root.isJsonNull()) {
            return "nothing (an empty file)";
        }
        return root.isJsonObject() ? "an object" : "'" + root + "'";
    }
}
