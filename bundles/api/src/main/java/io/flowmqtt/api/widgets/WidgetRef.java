package io.flowmqtt.api.widgets;

import java.util.Objects;

/**
 * Which widget: IDs are unique inside one analytic, so the triple identifies it on the block.
 *
 * @param cubeId     the cube
 * @param analyticId the analytic inside the cube
 * @param widgetId   the widget inside the analytic
 * @param widgetName the user-given name (may be empty)
 * @param type       the widget type
 */
public record WidgetRef(int cubeId, int analyticId, int widgetId, String widgetName, WidgetType type) {
    public WidgetRef {
        if (cubeId < 0 || analyticId < 0 || widgetId < 0) {
            throw new IllegalArgumentException("cube, analytic and widget ids must be >= 0");
        }
        widgetName = widgetName == null ? "" : widgetName;
        Objects.requireNonNull(type, "type");
    }

    /** The event subject and topic path: {@code <cube>/<analytic>/<widget>}. */
    public String subject() {
        return cubeId + "/" + analyticId + "/" + widgetId;
    }
}
