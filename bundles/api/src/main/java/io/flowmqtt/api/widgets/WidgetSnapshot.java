package io.flowmqtt.api.widgets;

import com.google.gson.JsonObject;
import java.util.Objects;

/**
 * The current value of a snapshot widget (value, statistical value, distribution).
 *
 * @param widget    which widget; its type must be a snapshot type
 * @param timeBlock the time block the value belongs to, or {@code null} when the widget is not in
 *                  time-block mode
 * @param timestamp when the value was computed, epoch milliseconds
 * @param data      the widget's data as in FLOW's sink data: {@code data_validity},
 *                  {@code object_count} and the type's own fields. Copied in; do not modify the
 *                  returned object.
 */
public record WidgetSnapshot(WidgetRef widget, TimeBlock timeBlock, long timestamp, JsonObject data) {
    public WidgetSnapshot {
        Objects.requireNonNull(widget, "widget");
        if (!widget.type().isSnapshot()) {
            throw new IllegalArgumentException("widget " + widget.subject() + " is of type "
                    + widget.type().jsonId() + ", which reports events, not snapshots");
        }
        data = Objects.requireNonNull(data, "data").deepCopy();
    }
}
