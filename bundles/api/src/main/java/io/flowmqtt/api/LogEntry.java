package io.flowmqtt.api;

/**
 * One line of an interface's communication log.
 *
 * @param timestamp epoch milliseconds
 * @param kind      what happened
 * @param message   the details; never a secret
 * @param position  the line's number in its log, 1 for the first line an interface logged and +1 for each
 *                  later one (lines that {@code showLogs=false} leaves out take none); a reader that has seen
 *                  up to position {@code p} asks for the lines after it. 0 when not numbered.
 */
public record LogEntry(long timestamp, Kind kind, String message, long position) {
    /** A line of API 1.0, without a position. */
    public LogEntry(long timestamp, Kind kind, String message) {
        this(timestamp, kind, message, 0);
    }

    /** Kinds of log lines. {@link #PUBLISH} and {@link #DELIVERY} are kept only with {@code showLogs}. */
    public enum Kind {
        STATE, CONNECT, DISCONNECT, PUBLISH, DELIVERY, DROP, ERROR, CONFIG;

        /** Whether lines of this kind are kept even with {@code showLogs} off. */
        public boolean essential() {
            return this != PUBLISH && this != DELIVERY;
        }
    }
}
