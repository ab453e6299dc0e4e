package io.flowmqtt.source.widgets.internal;

import com.google.gson.JsonObject;
import io.flowmqtt.api.EventState;
import io.flowmqtt.api.FlowEvent;
import io.flowmqtt.api.widgets.TimeBlock;
import io.flowmqtt.api.widgets.WidgetEventReport;
import io.flowmqtt.api.widgets.WidgetRef;
import io.flowmqtt.api.widgets.WidgetSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns widget reports into events (FLOW's lifecycle, see domain.md):
 * <ul>
 * <li>a snapshot widget in time-block mode: each time block is an event, created when its first
 * value arrives, updated when the value changes, closed with its final values when a value of a
 * later block arrives;</li>
 * <li>a snapshot widget without time blocks: one long-lived event per widget, updated on every
 * change, closed when the source shuts down;</li>
 * <li>an Events widget: FLOW's own event id and states, with a revision per event.</li>
 * </ul>
 * Not thread-safe: the source serialises calls.
 */
final class WidgetLifecycle {
    static final String SOURCE = "widgets";
    /** Bound on open Events-widget events, so that events that never close cannot fill the heap. */
    static final int MAX_OPEN_EVENTS = 10_000;

    /** The open event of each snapshot widget, by subject: at most one per widget, never evicted. */
    private final Map<String, FlowEvent> open = new LinkedHashMap<>();
    /** Open Events-widget events by {@code subject#eventId}, oldest first; bounded by {@link #MAX_OPEN_EVENTS}. */
    private final Map<String, FlowEvent> openEvents = new LinkedHashMap<>();
    private long lateReports;
    private long evicted;

    List<FlowEvent> onSnapshot(WidgetSnapshot snapshot) {
        WidgetRef widget = snapshot.widget();
        String key = widget.subject();
        FlowEvent current = open.get(key);
        JsonObject body = body(widget, snapshot.timeBlock(), snapshot.data());
        String id = eventId(widget, snapshot.timeBlock());
        List<FlowEvent> out = new ArrayList<>(2);
        if (current != null && !current.id().equals(id)) {
            long currentStart = blockStart(current);
            if (snapshot.timeBlock() != null && snapshot.timeBlock().start() < currentStart) {
                lateReports++; // a value for a block that is already closed
                return out;
            }
            out.add(next(current, EventState.CLOSED, snapshot.timestamp(), current.body()));
            open.remove(key);
            current = null;
        }
        FlowEvent event;
        if (current == null) {
            event = FlowEvent.of(SOURCE, id, widget.subject(), EventState.CREATED, 1, snapshot.timestamp(), body);
        } else if (current.body().equals(body)) {
            return out; // unchanged values are not republished
        } else {
            event = next(current, EventState.UPDATED, snapshot.timestamp(), body);
        }
        open.put(key, event);
        out.add(event);
        return out;
    }

    List<FlowEvent> onEvent(WidgetEventReport report) {
        WidgetRef widget = report.widget();
        String key = widget.subject() + "#" + report.eventId();
        FlowEvent current = openEvents.get(key);
        JsonObject body = body(widget, null, report.data());
        long revision = current == null ? 1 : current.revision() + 1;
        EventState state = report.state();
        if (current == null && state == EventState.UPDATED) {
            state = EventState.CREATED; // we missed the create (e.g. a restart): the first state we see opens it
        } else if (current != null && state == EventState.CREATED) {
            state = EventState.UPDATED; // a repeated create of an open event: created is revision 1 only
        }
        FlowEvent event = FlowEvent.of(SOURCE, report.eventId(), widget.subject(), state, revision, report.timestamp(), body);
        if (state == EventState.CLOSED) {
            openEvents.remove(key);
        } else {
            openEvents.put(key, event);
            if (openEvents.size() > MAX_OPEN_EVENTS) {
                String oldest = openEvents.keySet().iterator().next();
                openEvents.remove(oldest);
                evicted++;
            }
        }
        return List.of(event);
    }

    /** Open events saved at an orderly shutdown come back: their revisions go on from there. */
    void restore(List<FlowEvent> events) {
        for (FlowEvent event : events) {
            boolean eventsWidget = "events".equals(event.body().has("widget_type") ? event.body().get("widget_type").getAsString() : "");
            if (eventsWidget) {
                openEvents.put(event.subject() + "#" + event.id(), event);
            } else {
                open.put(event.subject(), event);
            }
        }
    }

    /** The latest state of every open event, for a subscriber that joins late. */
    Collection<FlowEvent> openEvents() {
        List<FlowEvent> all = new ArrayList<>(open.size() + openEvents.size());
        all.addAll(open.values());
        all.addAll(openEvents.values());
        return all;
    }

    /** Orderly shutdown: closes the long-lived events of widgets without time blocks. */
    List<FlowEvent> closeLongLived(long now) {
        List<FlowEvent> out = new ArrayList<>();
        open.entrySet().removeIf(entry -> {
            FlowEvent e = entry.getValue();
            if (!e.body().has("time_block")) {
                out.add(next(e, EventState.CLOSED, now, e.body()));
                return true;
            }
            return false;
        });
        return out;
    }

    long lateReports() {
        return lateReports;
    }

    long evicted() {
        return evicted;
    }

    private static FlowEvent next(FlowEvent current, EventState state, long timestamp, JsonObject body) {
        return FlowEvent.of(SOURCE, current.id(), current.subject(), state, current.revision() + 1, timestamp, body);
    }

    private static long blockStart(FlowEvent event) {
        JsonObject body = event.body();
        return body.has("time_block") ? body.getAsJsonObject("time_block").get("start").getAsLong() : Long.MIN_VALUE;
    }

    /** Event ids are derived from the widget and the block start, so they stay stable across restarts. */
    static String eventId(WidgetRef widget, TimeBlock block) {
        String base = widget.cubeId() + "-" + widget.analyticId() + "-" + widget.widgetId();
        return block == null ? base : base + "-" + block.start();
    }

    static JsonObject body(WidgetRef widget, TimeBlock block, JsonObject data) {
        JsonObject body = new JsonObject();
        body.addProperty("cube_id", widget.cubeId());
        body.addProperty("analytic_id", widget.analyticId());
        body.addProperty("widget_id", widget.widgetId());
        body.addProperty("widget_name", widget.widgetName());
        body.addProperty("widget_type", widget.type().jsonId());
        if (block != null) {
            JsonObject tb = new JsonObject();
            tb.addProperty("start", block.start());
            tb.addProperty("end", block.end());
            body.add("time_block", tb);
        }
        body.add("data", data);
        return body;
    }
}
