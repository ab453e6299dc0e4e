package io.flowmqtt.transport.internal;

import io.flowmqtt.transport.internal.MessageJournal.Entry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The queued messages in the order they go out: those waiting, oldest first, and those in flight by
 * seq. Not thread-safe: the journal's lock guards it.
 */
final class SendOrder {
    private final ArrayDeque<Entry> waiting = new ArrayDeque<>();
    private final TreeMap<Long, Entry> inflight = new TreeMap<>();

    void addLast(Entry entry) {
        waiting.addLast(entry);
    }

    int size() {
        return waiting.size() + inflight.size();
    }

    int waitingCount() {
        return waiting.size();
    }

    int inflightCount() {
        return inflight.size();
    }

    /** The oldest waiting message, taken out (the one to drop when full); {@code null} when none waits. */
    Entry pollOldestWaiting() {
        return waiting.pollFirst();
    }

    /** The next message to send, now in flight, or {@code null}. */
    Entry next() {
        Entry entry = waiting.pollFirst();
        if (entry != null) {
            inflight.put(entry.seq(), entry);
        }
        return entry;
    }

    /** Up to {@code max} messages to send, now in flight, oldest first. */
    List<Entry> take(int max) {
        int n = Math.min(max, waiting.size());
        if (n <= 0) {
            return List.of();
        }
        List<Entry> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Entry entry = waiting.pollFirst();
            inflight.put(entry.seq(), entry);
            batch.add(entry);
        }
        return batch;
    }

    /** Message {@code seq} was delivered: taken out if it was in flight, else {@code null}. */
    Entry delivered(long seq) {
        return inflight.remove(seq);
    }

    /** Back to the front of the waiting ones. */
    void unsend(long seq) {
        Entry entry = inflight.remove(seq);
        if (entry != null) {
            waiting.addFirst(entry);
        }
    }

    /** Everything in flight goes back to the front, in seq order; returns how many. */
    int requeueInflight() {
        int count = inflight.size();
        List<Entry> back = new ArrayList<>(inflight.values());
        inflight.clear();
        for (int i = back.size() - 1; i >= 0; i--) {
            waiting.addFirst(back.get(i));
        }
        return count;
    }

    List<Long> inflightSeqs() {
        return new ArrayList<>(inflight.keySet());
    }

    /** Message {@code seq}, waiting or in flight, left in place; {@code null} when not queued. */
    Entry find(long seq) {
        Entry entry = inflight.get(seq);
        if (entry != null) {
            return entry;
        }
        for (Entry w : waiting) {
            if (w.seq() == seq) {
                return w;
            }
        }
        return null;
    }

    /** Takes {@code entry} out, waiting or in flight. */
    void remove(Entry entry) {
        if (inflight.remove(entry.seq()) == null) {
            waiting.removeFirstOccurrence(entry);
        }
    }

    /** Every queued message: in flight first, then waiting, as they would be sent after a reconnect. */
    Stream<Entry> all() {
        return Stream.concat(inflight.values().stream(), waiting.stream());
    }
}
