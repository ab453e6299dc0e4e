package io.flowmqtt.transport.internal;

import io.flowmqtt.api.status.LogEntry;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * An interface's bounded communication log. With {@code verbose} off (showLogs=false) only
 * {@link LogEntry.Kind#essential() essential} lines are kept. Callers must never pass secrets.
 */
final class CommunicationLog {
    private final LongSupplier clock;
    private final ArrayDeque<LogEntry> lines = new ArrayDeque<>();
    private volatile int capacity;
    private volatile boolean verbose;
    private long written; // guarded by lines

    CommunicationLog(int capacity, boolean verbose, LongSupplier clock) {
        this.capacity = capacity;
        this.verbose = verbose;
        this.clock = clock;
    }

    void configure(int capacity, boolean verbose) {
        this.capacity = capacity;
        this.verbose = verbose;
        synchronized (lines) {
            trim();
        }
    }

    boolean verbose() {
        return verbose;
    }

    void add(LogEntry.Kind kind, String message) {
        if (!verbose && !kind.essential()) {
            return;
        }
        synchronized (lines) {
            LogEntry entry = LogEntry.builder().timestamp(clock.getAsLong()).kind(kind).message(message)
                    .position(++written)
                    .build();
            lines.addLast(entry);
            trim();
        }
    }

    List<LogEntry> snapshot() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The lines after {@code position}, oldest first (all that are still kept when the reader fell behind). */
    List<LogEntry> since(long position) {
        synchronized (lines) {
            return lines.stream().filter(e -> e.position() > position).toList();
        }
    }

    private void trim() {
        while (lines.size() > capacity) {
            lines.removeFirst();
        }
    }
}
