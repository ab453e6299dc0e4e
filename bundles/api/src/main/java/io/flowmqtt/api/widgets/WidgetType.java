package io.flowmqtt.api.widgets;

/** FLOW widget types, with the type id used in JSON ({@code widget_type}). */
public enum WidgetType {
    VALUE("value", true),
    STATISTICAL_VALUE("statistical_value", true),
    DISTRIBUTION("distribution", true),
    EVENTS("events", false);

    private final String jsonId;
    private final boolean snapshot;

    WidgetType(String jsonId, boolean snapshot) {
        this.jsonId = jsonId;
        this.snapshot = snapshot;
    }

    public String jsonId() { return jsonId; }

    /** Whether the widget reports snapshots (values over time) rather than discrete events. */
    public boolean isSnapshot() { return snapshot; }

    /** The type with the given JSON id, or {@code null}. */
    public static WidgetType fromJsonId(String id) {
        for (WidgetType type : values()) {
            if (type.jsonId.equals(id)) {
                return type;
            }
        }
        return null;
    }
}
