package io.flowmqtt.api.widgets;

import java.util.Objects;

/**
 * A widget a widgets source has been reported.
 *
 * @param widget         which widget, with the name and type of its latest report
 * @param lastReportedAt when it was last reported, epoch milliseconds (the time of receipt)
 */
public record KnownWidget(WidgetRef widget, long lastReportedAt) {
    public KnownWidget {
        Objects.requireNonNull(widget, "widget");
    }
}
