package io.flowmqtt.operator.api.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The operator API's interface and output objects ({@code GET /api/v1/interfaces}, {@code /outputs}) as the
 * text {@code bin/flow-status} prints: one line per interface or output with its name and state, then its
 * broker, counters, last error and detail, indented. Control characters in a value (a broker's error text
 * is not ours) are printed as {@code ?}, so that nothing reaches the terminal as an escape sequence.
 */
public final class StatusText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** The counters' JSON names; {@code deadLettered} is printed as "dead letters", as the shell does. */
    private static final List<String> INTERFACE_COUNTERS = List.of("queued", "accepted", "published", "delivered", "dropped",
            "rejected", "failed", "connects", "reconnects", "deadLettered");
    private static final List<String> OUTPUT_COUNTERS = List.of("received", "published", "filtered", "coalesced", "rejected");

    private final ZoneId zone;

    public StatusText(ZoneId zone) {
        this.zone = zone;
    }

    /** The report: a header naming {@code base}, the interfaces, the outputs. */
    public String of(String base, JsonArray interfaces, JsonArray outputs) {
        StringBuilder out = new StringBuilder("FLOW MQTT runtime at ").append(base).append('\n');
        out.append("interfaces: ").append(interfaces.size()).append('\n');
        for (JsonElement i : interfaces) {
            iface(out, i.getAsJsonObject());
        }
        out.append("outputs: ").append(outputs.size()).append('\n');
        for (JsonElement o : outputs) {
            output(out, o.getAsJsonObject());
        }
        return out.toString();
    }

    private void iface(StringBuilder out, JsonObject i) {
        JsonObject status = object(i, "status");
        out.append("  interface ").append(text(i, "name")).append(": ")
                .append(status == null ? "no status (not running)" : text(status, "state")).append('\n');
        if (status == null) {
            return;
        }
        line(out, "broker", text(status, "broker"));
        line(out, "since", time(status, "since"));
        JsonObject counters = object(status, "counters");
        if (counters != null) {
            StringBuilder c = new StringBuilder();
            for (String counter : INTERFACE_COUNTERS) {
                c.append(c.length() == 0 ? "" : ", ").append(counter.equals("deadLettered") ? "dead letters" : counter)
                        .append(' ').append(text(counters, counter));
            }
            line(out, "counters", c.toString());
        }
        line(out, "last error", text(status, "lastError"));
        line(out, "detail", text(status, "detail"));
        JsonArray warnings = status.has("warnings") && status.get("warnings").isJsonArray()
                ? status.getAsJsonArray("warnings") : new JsonArray();
        for (JsonElement warning : warnings) {
            line(out, "warning", warning.isJsonNull() ? "-" : warning.getAsString());
        }
        JsonArray certificates = status.has("certificates") && status.get("certificates").isJsonArray()
                ? status.getAsJsonArray("certificates") : new JsonArray();
        for (JsonElement e : certificates) {
            JsonObject cert = e.getAsJsonObject();
            line(out, text(cert, "role") + " certificate", text(cert, "subject") + ", valid until " + time(cert, "notAfter"));
        }
    }

    private void output(StringBuilder out, JsonObject o) {
        JsonObject status = object(o, "status");
        out.append("  output ").append(text(o, "name")).append(": ")
                .append(status == null ? "no status (not running)" : text(status, "state")).append('\n');
        if (status == null) {
            return;
        }
        line(out, "interface", text(status, "interface"));
        line(out, "source", text(status, "source"));
        StringBuilder c = new StringBuilder();
        for (String counter : OUTPUT_COUNTERS) {
            c.append(c.length() == 0 ? "" : ", ").append(counter).append(' ').append(text(status, counter));
        }
        line(out, "counters", c.toString());
        line(out, "last published", time(status, "lastPublishedAt"));
        line(out, "detail", text(status, "detail"));
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append("    ").append(label).append(": ").append(value).append('\n');
    }

    private String time(JsonObject o, String key) {
        JsonElement value = o.get(key);
        if (value == null || value.isJsonNull() || value.getAsLong() <= 0) {
            return "-";
        }
        return TIME.format(Instant.ofEpochMilli(value.getAsLong()).atZone(zone));
    }

    private static JsonObject object(JsonObject o, String key) {
        JsonElement value = o.get(key);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : null;
    }

    /** The value as one line without control characters; {@code -} when absent or empty. */
    static String text(JsonObject o, String key) {
        JsonElement value = o.get(key);
        if (value == null || value.isJsonNull()) {
            return "-";
        }
        String s = value.isJsonPrimitive() ? value.getAsString() : value.toString();
        StringBuilder clean = new StringBuilder(s.length());
        s.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return clean.length() == 0 ? "-" : clean.toString();
    }
}
