package io.flowmqtt.outputs.internal;

import io.flowmqtt.api.EventState;
import io.flowmqtt.api.FlowEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * Holds back the updates of an event that come faster than the output's {@code minUpdateInterval}:
 * the newest held update replaces the one before it, and goes when the interval since the last one sent
 * is over (or with the event's close). Not thread-safe: the output's lock guards it.
 */
final class UpdateCoalescer {
    /** What to do with an offered update. */
    record Decision(Outcome outcome, long delayMillis) {
    }

    enum Outcome {
        /** Send it now. */
        SEND,
        /** Held; flush it after {@link Decision#delayMillis()}. */
        HELD,
        /** Replaced an update held already, whose flush is scheduled. */
        REPLACED
    }

    // keyed by key(): event ids are unique per widget (Events widgets carry FLOW's own ids), not per source
    private final Map<String, Long> lastSent = new HashMap<>();
    private final Map<String, FlowEvent> held = new HashMap<>();

    static String key(FlowEvent event) {
        return event.subject() + "#" + event.id();
    }

    Decision offer(FlowEvent update, long windowMillis, long now) {
        if (windowMillis <= 0) {
            return new Decision(Outcome.SEND, 0);
        }
        String id = key(update);
        if (held.put(id, update) != null) {
            return new Decision(Outcome.REPLACED, 0);
        }
        Long last = lastSent.get(id);
        if (last == null || now - last >= windowMillis) {
            held.remove(id);
            return new Decision(Outcome.SEND, 0);
        }
        return new Decision(Outcome.HELD, last + windowMillis - now);
    }

    /** The held update of {@code id} whose time has come; null when the close took it or it was dropped. */
    FlowEvent takeHeld(String id) {
        return held.remove(id);
    }

    /** The event is over: forgets it, and returns its held update (null if none). */
    FlowEvent closed(FlowEvent close) {
        String id = key(close);
        lastSent.remove(id);
        return held.remove(id);
    }

    /** An event of this output went out at {@code now}: the interval of its next update counts from here. */
    void sent(FlowEvent event, long windowMillis, long now) {
        if (event.state() != EventState.CLOSED && windowMillis > 0) {
            lastSent.put(key(event), now);
        }
    }

    /** A new binding: what the old one held is dropped. */
    void clear() {
        held.clear();
        lastSent.clear();
    }
}
