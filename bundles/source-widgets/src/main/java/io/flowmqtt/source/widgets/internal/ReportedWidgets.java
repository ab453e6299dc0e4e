package io.flowmqtt.source.widgets.internal;

import io.flowmqtt.api.widgets.KnownWidget;
import io.flowmqtt.api.widgets.WidgetRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The widgets reported since start, for an operator's widget picker: the latest name and type of each.
 * Bounded, so that analytics reporting ever new widget ids cannot grow it without end: beyond
 * {@link #MAX_WIDGETS} the one reported longest ago is forgotten.
 */
final class ReportedWidgets {
    static final int MAX_WIDGETS = 10_000;
    private static final Comparator<KnownWidget> BY_ID = Comparator.comparingInt((KnownWidget k) -> k.widget().cubeId())
            .thenComparingInt(k -> k.widget().analyticId()).thenComparingInt(k -> k.widget().widgetId());

    // access order: the eldest entry is the widget reported longest ago
    private final Map<String, KnownWidget> widgets = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, KnownWidget> eldest) {
            return size() > MAX_WIDGETS;
        }
    };

    synchronized void reported(WidgetRef widget, long now) {
        widgets.put(widget.subject(), new KnownWidget(widget, now));
    }

    synchronized List<KnownWidget> all() {
        List<KnownWidget> all = new ArrayList<>(widgets.values());
        all.sort(BY_ID);
        return all;
    }
}
