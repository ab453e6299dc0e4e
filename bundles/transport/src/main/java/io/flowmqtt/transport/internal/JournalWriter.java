package io.flowmqtt.transport.internal;

import io.flowmqtt.transport.internal.MessageJournal.Entry;
import java.io.Closeable;
import java.io.IOException;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The record file side of an interface's queue: what the {@link MessageJournal} writes to its
 * {@link JournalFile} for each change, and when. Messages and removals are written at once, sequence
 * numbers as the {@link SeqNumbers} say, acknowledgements of deliveries in batches ({@link AckBacklog});
 * the file is replaced by a fresh one when the queue becomes empty and rewritten when most of it is dead.
 * Not thread-safe: the journal's lock guards it.
 */
final class JournalWriter implements Closeable {
    /** Acknowledgements written together: after a crash, at most this many delivered messages are sent again. */
    static final int ACK_BATCH = 64;
    private static final long REPLACE_WHEN_EMPTY_ABOVE = 1L << 20;
    private static final long REWRITE_ABOVE = 64L << 20;

    private final JournalFile file;
    private final SeqNumbers seqs;
    private final AckBacklog acks = new AckBacklog(ACK_BATCH);
    private long noRewriteBelow; // after a failed rewrite, the next try waits until the file has grown
    private boolean closed;

    JournalWriter(JournalFile file, long nextSeq) {
        this.file = file;
        this.seqs = new SeqNumbers(nextSeq);
    }

    /** The seq the next message gets. */
    long nextSeq() {
        return seqs.next();
    }

    /** Throws when the journal was closed: nothing may be written after that. */
    void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("journal " + file.path() + " is closed");
        }
    }

    /** A new message takes the next seq: written when {@code entry.persisted()}; throws having used up nothing. */
    void added(Entry entry, byte[] topic) throws IOException {
        if (entry.persisted()) {
            file.append(JournalRecords.message(entry, topic));
            seqs.usedByRecord();
        } else {
            seqs.usedInMemory(file); // memory only keeps it as fast as a bare client
        }
    }

    /** A new message was dropped: its seq is used up, and recorded so that a restart does not reuse it. */
    long droppedNew() throws IOException {
        long seq = seqs.next();
        seqs.usedUp(file); // the gap in seq tells consumers a message is missing
        return seq;
    }

    /** A message left the queue (delivered or dropped): a persisted one needs an acknowledgement, with the next batch. */
    void left(Entry entry) {
        if (entry.persisted()) {
            acks.add(entry.seq());
        }
    }

    /** A full batch of acknowledgements waits. */
    boolean batchFull() {
        return acks.count() >= ACK_BATCH;
    }

    /** A message was taken out for good: its removal is written at once, or this throws. */
    void removed(Entry entry) throws IOException {
        if (entry.persisted()) {
            ensureOpen();
            file.append(JournalRecords.seqRecord(JournalRecords.ACK, entry.seq()));
        }
    }

    /** {@code null} when the last write worked, else a sentence naming the file and the cause. */
    String failure() {
        return file.failure();
    }

    /**
     * Writes the acknowledgements that wait, and rewrites the file when that is worth it: the queue
     * ({@code live}, {@code liveCount} messages with {@code liveBytes} of payload) is empty and the file is
     * not small, or the file is large and mostly dead.
     */
    void compactIfWorthIt(int liveCount, long liveBytes, Supplier<Stream<Entry>> live) {
        if (closed) {
            return;
        }
        boolean acksWritten = acks.flush(file);
        long size = file.size();
        if (size < noRewriteBelow) {
            return;
        }
        if (liveCount == 0 && size > REPLACE_WHEN_EMPTY_ABOVE && acksWritten) {
            // An empty queue: the fresh file holds the next seq alone, so it is not forced to the device. Forcing
            // it took one fsync every megabyte of traffic (every 1.5 s at 1,000 msg/s), under the journal's lock,
            // and a busy disk made every publisher wait for it (the 100 ms+ stalls of issue 11). A power cut
            // right after it can at worst leave the old file (all delivered: nothing to send) or an empty one
            // (the sequence numbers start again); a killed process loses nothing either way.
            rewriteQuietly(live.get(), false);
        } else if (size > REWRITE_ABOVE && size > 4 * (liveBytes + 64L * liveCount)) {
            rewriteQuietly(live.get(), true);
        }
    }

    /**
     * Writes the persisted ones of the {@code live} messages to a new file that takes the old one's place,
     * which makes every acknowledgement in memory unnecessary. A failure keeps the old file ({@link #failure}
     * tells) and is tried again only once the file has grown by a good part, so a full disk is not filled
     * again and again.
     */
    void rewriteQuietly(Stream<Entry> live, boolean durable) {
        Stream<byte[]> next = Stream.of(seqs.exactRecord());
        Stream<byte[]> messages = live.filter(Entry::persisted)
                .map(e -> JournalRecords.message(e, JournalRecords.topicBytes(e.topic())));
        try {
            file.rewrite(Stream.concat(next, messages).iterator(), durable);
            acks.clear();
            seqs.rewritten();
            noRewriteBelow = 0;
        } catch (IOException e) {
            noRewriteBelow = file.size() + file.size() / 4 + REPLACE_WHEN_EMPTY_ABOVE;
        }
    }

    /** Writes what is still in memory (acknowledgements, the exact next seq) and closes the file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!acks.flush(file)) {
                throw new IOException(file.failure()); // those messages are sent again after a restart
            }
            seqs.writeExact(file);
        } finally {
            file.close();
        }
    }
}
