package io.flowmqtt.api;

import java.util.Locale;

/** Lifecycle state of a published event. Every event is created once, updated zero or more times, and closed at most once. */
public enum EventState {
    CREATED, UPDATED, CLOSED;

    /** The lower-case word used in payloads ({@code event_state}) and in output policies. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
