package io.flowmqtt.webhook.internal;

import io.flowmqtt.api.widgets.WidgetEventReport;
import io.flowmqtt.api.widgets.WidgetReporter;
import io.flowmqtt.api.widgets.WidgetSnapshot;

/** One widget report parsed from a webhook body, in the order it appeared. */
sealed interface Report {
    void deliverTo(WidgetReporter reporter);

    record Snapshot(WidgetSnapshot snapshot) implements Report {
        @Override
        public void deliverTo(WidgetReporter reporter) {
            reporter.report(snapshot);
        }
    }

    record Event(WidgetEventReport event) implements Report {
        @Override
        public void deliverTo(WidgetReporter reporter) {
            reporter.report(event);
        }
    }
}
