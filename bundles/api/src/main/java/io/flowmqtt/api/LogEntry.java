package io.flowmqtt.api;

/**
 * One line of an interface's communication log.
 *
 * @param timestamp epoch milliseconds
 * @param kind      what happened
 * @param message   the details; never a secret
 */
public record LogEntry(long timestamp, Kind kind, String message) {
    /** Kinds of log lines. {@link #PUBLISH} and {@link #DELIVERY} are kept only with {@code showLogs}. */
    public enum Kind {
        STATE, CONNECT, DISCONNECT, PUBLISH, DELIVERY, DROP, ERROR, CONFIG;

        /** Whether lines of this kind are kept even with {@code showLogs} off. */
        public boolean essential() {
            return this != PUBLISH && this != DELIVERY;
        }
    }
}
