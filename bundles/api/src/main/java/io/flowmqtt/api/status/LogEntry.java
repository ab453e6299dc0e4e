package io.flowmqtt.api.status;

/** One line of an interface's communication log. Built with {@link #builder()}. */
public final class LogEntry extends RecordBacked {
    /** All values in one record: {@link RecordBacked} compares and prints them. */
    private record Values(long timestamp, Kind kind, String message, long position) {
    }

    private final Values v;

    private LogEntry(Values v) {
        super(v);
        this.v = v;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this line's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().timestamp(v.timestamp()).kind(v.kind()).message(v.message()).position(v.position());
    }

    /** Epoch milliseconds. */
    public long timestamp() { return v.timestamp(); }

    /** What happened. */
    public Kind kind() { return v.kind(); }

    /** The details; never a secret. */
    public String message() { return v.message(); }

    /**
     * The line's number in its log, 1 for the first line an interface logged and +1 for each later one (lines
     * that {@code showLogs=false} leaves out take none); a reader that has seen up to position {@code p} asks for
     * the lines after it. 0 when not numbered.
     */
    public long position() { return v.position(); }

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
            return new LogEntry(new Values(timestamp, kind, message, position));
        }
    }
}
