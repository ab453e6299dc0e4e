package io.flowmqtt.api;

/** How an interface wants timestamps in payloads. */
public enum TimestampFormat {
    /** Milliseconds since the Unix epoch, as a JSON number (FLOW's default). */
    EPOCH_MILLIS,
    /** ISO-8601 in UTC with milliseconds, e.g. {@code 2026-11-25T14:01:47.123Z}. */
    ISO_8601
}
