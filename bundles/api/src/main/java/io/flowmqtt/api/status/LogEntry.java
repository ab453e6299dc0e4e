package io.flowmqtt.api.status;

import java.util.Objects;

/** One line of an interface's communication log. Built with {@link #builder()}. */
public final class LogEntry {
    private final long timestamp;
    private final Kind kind;
    private final String message;
    private final long position;

    private LogEntry(Builder b) {
        this.timestamp = b.timestamp;
        this.kind = b.kind;
        this.message = b.message;
        this.position = b.position;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this line's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().timestamp(timestamp).kind(kind).message(message).position(position);
    }

    /** Epoch milliseconds. */
    public long timestamp() { return timestamp; }

    /** What happened. */
    public Kind kind() { return kind; }

    /** The details; never a secret. */
    public String message() { return message; }

    /**
     * The line's number in its log, 1 for the first line an interface logged and +1 for each later one (lines
     * that {@code showLogs=false} leaves out take none); a reader that has seen up to position {@code p} asks for
     * the lines after it. 0 when not numbered.
     */
    public long position() { return position; }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogEntry e && timestamp == e.timestamp && kind == e.kind && position == e.position
                && Objects.equals(message, e.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestamp, kind, message, position);
    }

    @Override
    public String toString() {
        return "LogEntry[timestamp=" + timestamp + ", kind=" + kind + ", message=" + message + ", position="
                + position + "]";
    }

    /** Kinds of log lines. {@link #PUBLISH} and {@link #DELIVERY} are kept only with {@code showLogs}. */
    public enum Kind {
        STATE, CONNECT, DISCONNECT, PUBLISH, DELIVERY, DROP, ERROR, CONFIG;

        /** Whether lines of this kind are kept even with {@code showLogs} off. */
        public boolean essential() {
            return this != PUBLISH && this != DELIVERY;
        }
    }

    /** Collects the values of a {@link LogEntry}; the position is 0 unless set. */
    public static final class Builder {
        private long timestamp;
        private Kind kind;
        private String message;
        private long position;

        private Builder() {
        }

        public Builder timestamp(long timestamp) { this.timestamp = timestamp; return this; }
        public Builder kind(Kind kind) { this.kind = kind; return this; }
        public Builder message(String message) { this.message = message; return this; }
        public Builder position(long position) { this.position = position; return this; }

        public LogEntry build() {
            return new LogEntry(this);
        }
    }
}
