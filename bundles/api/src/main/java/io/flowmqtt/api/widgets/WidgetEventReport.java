package io.flowmqtt.api.widgets;

import com.google.gson.JsonObject;
import io.flowmqtt.api.EventState;
import java.util.Objects;

/**
 * One state of an event of an Events widget (trajectory or near-miss event).
 *
 * @param widget    which widget; its type must be {@link WidgetType#EVENTS}
 * @param eventId   FLOW's event id, stable across restarts of the block
 * @param state     created, updated or closed
 * @param timestamp epoch milliseconds
 * @param data      the event's data. Copied in; do not modify the returned object.
 */
public record WidgetEventReport(WidgetRef widget, String eventId, EventState state, long timestamp, JsonObject data) {
    public WidgetEventReport {
        Objects.requireNonNull(widget, "widget");
        if (widget.type() != WidgetType.EVENTS) {
            throw new IllegalArgumentException("widget " + widget.subject() + " is of type "
                    + widget.type().jsonId() + ", which reports snapshots, not events");
        }
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("eventId must not be empty");
        }
        Objects.requireNonNull(state, "state");
        data = Objects.requireNonNull(data, "data").deepCopy();
    }
}
