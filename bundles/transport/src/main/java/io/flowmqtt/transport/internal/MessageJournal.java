package io.flowmqtt.transport.internal;

import io.flowmqtt.api.PayloadRenderer;
import io.flowmqtt.api.PublishResult;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An interface's bounded, persistent message queue. This class is the bounded queue: the messages in
 * sending order ({@link SendOrder}), the capacity in messages and bytes ({@link QueueLimits}, counting only
 * undelivered messages) and the drop policy. Its record file, an append-only journal of messages and
 * acknowledgements in {@code <dir>/journal}, is written by the {@link JournalWriter} (format in
 * {@link JournalRecords}) and replayed on open ({@link JournalReplay}, which copies damaged records aside
 * and goes on at the next intact one).
 *
 * <p>Every persisted message is written with one write before {@link #offer} returns, so it survives the
 * death of the process (kill -9) once accepted; it is not forced to the disk, so a power cut may lose the
 * newest ones. Every method works on a thread whose interrupt flag is set, and leaves the flag as it was:
 * the I/O underneath is not interruptible.
 */
final class MessageJournal implements Closeable {
    /**
     * One queued message. {@code topic} is below the interface's topic root when {@code relative} (every
     * message of this version), else absolute (replayed from the first format); {@code qos} -1 means the
     * interface's. {@code persisted}: written to the journal, so its removal is written too.
     */
    record Entry(long seq, long enqueuedAt, String topic, boolean relative, int qos, boolean retain, byte[] payload,
                 boolean persisted) {
    }

    /** What {@link #offer} did, and which older message it dropped, if any. */
    record Offer(PublishResult result, long seq, Entry dropped) {
    }

    private final JournalWriter writer;
    private final List<String> replayWarnings;
    private final SendOrder order = new SendOrder();
    private QueueLimits limits;
    private long bytes;

    private MessageJournal(JournalFile file, QueueLimits limits, JournalReplay.Result replayed) {
        this.writer = new JournalWriter(file, replayed.nextSeq());
        this.limits = limits;
        this.replayWarnings = replayed.warnings();
        for (Entry entry : replayed.live()) {
            order.addLast(entry);
            bytes += entry.payload().length;
        }
    }

    /** Opens (creating if needed) the journal in {@code dir} and replays what was not delivered. */
    static MessageJournal open(Path dir, QueueLimits limits) throws IOException {
        return open(dir, limits, JournalIo.FILES);
    }

    static MessageJournal open(Path dir, QueueLimits limits, JournalIo io) throws IOException {
        Files.createDirectories(dir);
        Path path = dir.resolve("journal");
        JournalReplay.Result replayed = JournalReplay.read(path, io);
        MessageJournal journal = new MessageJournal(new JournalFile(path, io, replayed.validEnd()), limits, replayed);
        if (replayed.damaged()) {
            // the damage was copied aside: without it, it is not met again on every open
            journal.writer.rewriteQuietly(journal.order.all(), true);
        }
        return journal;
    }

    synchronized void setLimits(QueueLimits limits) {
        this.limits = limits;
    }

    /**
     * Accepts a message: assigns the next sequence number, renders the payload with it and, if
     * {@code persist}, appends it. When the queue is full, drops the oldest waiting message or the new one,
     * as the policy says. When the journal cannot be written, throws and accepts nothing.
     *
     * @param subTopic     the topic below the interface's topic root, resolved when it is sent
     * @param requestedQos 0, 1, 2, or -1 for the interface's QoS at the time it is sent
     * @param persist      false: kept in memory only (QoS 0 is at most once), lost on a crash
     * @throws IllegalArgumentException for a QoS outside -1..2 or a topic longer than 65535 UTF-8 bytes
     */
    synchronized Offer offer(String subTopic, int requestedQos, boolean persist, boolean retain, PayloadRenderer renderer,
                             int maxPayloadBytes, long now) throws IOException {
        if (requestedQos < -1 || requestedQos > 2) {
            throw new IllegalArgumentException("qos must be -1 (the interface's), 0, 1 or 2, was " + requestedQos);
        }
        byte[] topic = JournalRecords.topicBytes(subTopic);
        writer.ensureOpen();
        boolean newest = limits.dropPolicy() == QueueLimits.DropPolicy.NEWEST;
        if ((order.size() >= limits.maxMessages() || bytes >= limits.maxBytes()) && (newest || order.waitingCount() == 0)) {
            return dropNew();
        }
        long seq = writer.nextSeq();
        byte[] payload = renderer.render(seq);
        if (payload == null || payload.length > maxPayloadBytes) {
            return new Offer(PublishResult.REJECTED, -1, null); // refused before anything is dropped for it
        }
        if (newest && bytes + payload.length > limits.maxBytes()) {
            return dropNew();
        }
        Entry entry = new Entry(seq, now, subTopic, true, requestedQos, retain, payload, persist);
        writer.added(entry, topic); // throws having used up nothing
        order.addLast(entry);
        bytes += payload.length;
        Entry dropped = null;
        while ((order.size() > limits.maxMessages() || bytes > limits.maxBytes()) && order.waitingCount() > 1 && !newest) {
            // a large message can need room of several small ones
            dropped = order.pollOldestWaiting();
            forget(dropped);
        }
        if (dropped != null) {
            compactIfWorthIt(); // nothing is delivered during an outage: keep the file bounded while dropping
        }
        return new Offer(dropped == null ? PublishResult.QUEUED : PublishResult.QUEUED_DROPPED_OLDEST, seq, dropped);
    }

    /** The new message is dropped; its seq is used up. */
    private Offer dropNew() throws IOException {
        long seq = writer.droppedNew();
        compactIfWorthIt();
        return new Offer(PublishResult.DROPPED, seq, null);
    }

    /** The next message to send, now counted as in flight, or {@code null}. */
    synchronized Entry next() {
        return order.next();
    }

    /** Up to {@code max} messages to send, now in flight, oldest first: one lock for a window's worth. */
    synchronized List<Entry> take(int max) {
        return order.take(max);
    }

    /**
     * A message was delivered: it leaves the queue for good. Its acknowledgement is written with the next
     * {@value JournalWriter#ACK_BATCH} (or at once when the queue becomes empty): after a crash, at most that many
     * delivered messages are sent again, never one lost. A failed write does not throw: the
     * acknowledgements stay in memory, are written with the next batch, and {@link #failure} says so.
     */
    synchronized boolean delivered(long seq) throws IOException {
        Entry entry = order.delivered(seq);
        if (entry == null) {
            return false;
        }
        forget(entry);
        if (writer.batchFull() || order.size() == 0) {
            compactIfWorthIt();
        }
        return true;
    }

    /**
     * Takes message {@code seq}, waiting or in flight, out of the queue for good, its removal written at
     * once. Returns it, or {@code null} when it is not queued. When the removal cannot be written, throws
     * and the message stays queued.
     */
    synchronized Entry remove(long seq) throws IOException {
        Entry entry = order.find(seq);
        if (entry == null) {
            return null;
        }
        writer.removed(entry);
        order.remove(entry);
        bytes -= entry.payload().length;
        compactIfWorthIt();
        return entry;
    }

    /** Message {@code seq}, waiting or in flight, left in the queue; {@code null} when it is not queued. */
    synchronized Entry find(long seq) {
        return order.find(seq);
    }

    /** A message could not be handed to the client: it goes back to the front of the queue. */
    synchronized void unsend(long seq) {
        order.unsend(seq);
    }

    /** The connection is gone: what was in flight is sent again, first, after the next connect. */
    synchronized int requeueInflight() {
        return order.requeueInflight();
    }

    /** The seqs in flight, oldest first. */
    synchronized List<Long> inflightSeqs() {
        return order.inflightSeqs();
    }

    synchronized int size() {
        return order.size();
    }

    synchronized int inflightCount() {
        return order.inflightCount();
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized long nextSeq() {
        return writer.nextSeq();
    }

    /** {@code null} when the last write to the journal worked, else a sentence naming the file and the cause. */
    String failure() { // volatile: the sender asks after every delivery, without taking the lock again
        return writer.failure();
    }

    /** What the replay on open found damaged and skipped or cut off, one sentence each; usually empty. */
    List<String> replayWarnings() {
        return replayWarnings;
    }

    /** Writes what is still in memory (acknowledgements, the exact next seq) and closes the file. */
    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }

    /** A message left the queue: its payload no longer counts, and a persisted one needs an acknowledgement. */
    private void forget(Entry entry) {
        bytes -= entry.payload().length;
        writer.left(entry);
    }

    private void compactIfWorthIt() {
        writer.compactIfWorthIt(order.size(), bytes, order::all);
    }
}
