package io.flowmqtt.transport.internal;

import io.flowmqtt.api.PayloadRenderer;
import io.flowmqtt.api.PublishResult;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * An interface's bounded, persistent message queue: an append-only journal of messages and
 * acknowledgements in {@code <dir>/journal}, replayed on open.
 *
 * <p>Every record is written with one {@code write} call before {@link #offer} returns, so a message
 * survives the death of the process (kill -9) once accepted; it is not forced to the disk, so a power
 * cut may lose the newest ones. A torn record at the tail (the process died mid-write) is detected by
 * its CRC and cut off. Capacity counts only undelivered messages. The journal is truncated whenever
 * it becomes empty and rewritten when most of it is dead.
 */
final class MessageJournal implements Closeable {
    /** One queued message. {@code seq} is the interface's sequence number, rendered into the payload. */
    record Entry(long seq, long enqueuedAt, String topic, int qos, boolean retain, byte[] payload) {
    }

    /** What {@link #offer} did, and which older message it dropped, if any. */
    record Offer(PublishResult result, long seq, Entry dropped) {
    }

    private static final byte MESSAGE = 'M';
    private static final byte ACK = 'A';
    private static final byte NEXT_SEQ = 'S';
    private static final long TRUNCATE_WHEN_EMPTY_ABOVE = 1L << 20;
    private static final long REWRITE_ABOVE = 64L << 20;
    /** Acknowledgements are written in batches: losing a batch to a crash only means re-sending delivered messages. */
    private static final int ACK_BATCH = 64;
    /** QoS 0 messages are not written; their sequence numbers are reserved in steps of this many. */
    private static final long SEQ_RESERVATION = 1024;

    private final Path file;
    private final ArrayDeque<Entry> pending = new ArrayDeque<>();
    private final TreeMap<Long, Entry> inflight = new TreeMap<>();
    private FileChannel channel;
    private QueueLimits limits;
    private long nextSeq = 1;
    private long bytes;
    private long fileSize;
    private final long[] unwrittenAcks = new long[ACK_BATCH];
    private int unwrittenAckCount;
    private long reservedSeq; // QoS 0 may use seqs below this without writing; 0 = nothing reserved

    private MessageJournal(Path dir, QueueLimits limits) {
        this.file = dir.resolve("journal");
        this.limits = limits;
    }

    /** Opens (creating if needed) the journal in {@code dir} and replays what was not delivered. */
    static MessageJournal open(Path dir, QueueLimits limits) throws IOException {
        Files.createDirectories(dir);
        MessageJournal journal = new MessageJournal(dir, limits);
        journal.replay();
        return journal;
    }

    synchronized void setLimits(QueueLimits limits) {
        this.limits = limits;
    }

    /**
     * Accepts a message: assigns the next sequence number, renders the payload with it and appends it.
     * When the queue is full, drops the oldest waiting message or the new one, as the policy says.
     */
    synchronized Offer offer(String topic, int qos, boolean retain, PayloadRenderer renderer, int maxPayloadBytes,
                             long now) throws IOException {
        boolean newest = limits.dropPolicy() == QueueLimits.DropPolicy.NEWEST;
        if ((size() >= limits.maxMessages() || bytes >= limits.maxBytes()) && (newest || pending.isEmpty())) {
            return dropNew();
        }
        long seq = nextSeq;
        byte[] payload = renderer.render(seq);
        if (payload == null || payload.length > maxPayloadBytes) {
            return new Offer(PublishResult.REJECTED, -1, null); // refused before anything is dropped for it
        }
        if (newest && bytes + payload.length > limits.maxBytes()) {
            return dropNew();
        }
        nextSeq++;
        Entry entry = new Entry(seq, now, topic, qos, retain, payload);
        if (qos > 0) {
            appendMessage(entry);
        } else if (nextSeq > reservedSeq) {
            // QoS 0 is at most once: kept in memory only, which keeps it as fast as a bare client.
            // Its seqs are reserved on disk ahead, so a crash leaves a gap, never a reused seq.
            reservedSeq = nextSeq + SEQ_RESERVATION;
            writeNextSeq(reservedSeq);
        }
        pending.addLast(entry);
        bytes += payload.length;
        Entry dropped = null;
        while ((size() > limits.maxMessages() || bytes > limits.maxBytes()) && pending.size() > 1 && !newest) {
            // a large message can need room of several small ones
            Entry old = pending.pollFirst();
            bytes -= old.payload().length;
            if (old.qos() > 0) {
                appendAck(old.seq());
            }
            dropped = old;
        }
        if (dropped != null) {
            compactIfWorthIt(); // nothing is delivered during an outage: keep the file bounded while dropping
        }
        return new Offer(dropped == null ? PublishResult.QUEUED : PublishResult.QUEUED_DROPPED_OLDEST, seq, dropped);
    }

    /** The new message is dropped; its seq is used up (and recorded, so that a restart does not reuse it). */
    private Offer dropNew() throws IOException {
        long seq = nextSeq++; // the gap in seq tells consumers a message is missing
        appendNextSeq();
        compactIfWorthIt();
        return new Offer(PublishResult.DROPPED, seq, null);
    }

    /** The next message to send, now counted as in flight, or {@code null}. */
    synchronized Entry next() {
        Entry entry = pending.pollFirst();
        if (entry != null) {
            inflight.put(entry.seq(), entry);
        }
        return entry;
    }

    /**
     * Takes up to {@code max} messages to send, now counted as in flight, oldest first. One lock for
     * a whole window's worth keeps the sender cheap.
     */
    synchronized List<Entry> take(int max) {
        int n = Math.min(max, pending.size());
        if (n <= 0) {
            return List.of();
        }
        List<Entry> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Entry entry = pending.pollFirst();
            inflight.put(entry.seq(), entry);
            batch.add(entry);
        }
        return batch;
    }

    /**
     * A message was delivered (or given up): it leaves the queue for good. Its acknowledgement is
     * written with the next {@value #ACK_BATCH} (or at once when the queue becomes empty): after a
     * crash, at most that many delivered messages are sent again, never one lost.
     */
    synchronized boolean delivered(long seq) throws IOException {
        Entry entry = inflight.remove(seq);
        if (entry == null) {
            return false;
        }
        bytes -= entry.payload().length;
        if (entry.qos() > 0) {
            unwrittenAcks[unwrittenAckCount++] = seq;
        }
        if (unwrittenAckCount == ACK_BATCH || size() == 0) {
            flushAcks();
            compactIfWorthIt();
        }
        return true;
    }

    private void flushAcks() throws IOException {
        if (unwrittenAckCount == 0) {
            return;
        }
        ByteBuffer all = ByteBuffer.allocate(unwrittenAckCount * (8 + 9));
        byte[] record = new byte[9];
        for (int i = 0; i < unwrittenAckCount; i++) {
            ByteBuffer.wrap(record).put(ACK).putLong(unwrittenAcks[i]);
            all.putInt(record.length).putInt(crc(record)).put(record);
        }
        unwrittenAckCount = 0;
        all.flip();
        fileSize += all.remaining();
        while (all.hasRemaining()) {
            channel.write(all);
        }
    }

    /** A message could not be handed to the client: it goes back to the front of the queue. */
    synchronized void unsend(long seq) {
        Entry entry = inflight.remove(seq);
        if (entry != null) {
            pending.addFirst(entry);
        }
    }

    /** The connection is gone: what was in flight is sent again, first, after the next connect. */
    synchronized int requeueInflight() {
        int count = inflight.size();
        List<Entry> back = new ArrayList<>(inflight.values());
        inflight.clear();
        for (int i = back.size() - 1; i >= 0; i--) {
            pending.addFirst(back.get(i));
        }
        return count;
    }

    synchronized int size() {
        return pending.size() + inflight.size();
    }

    synchronized int inflightCount() {
        return inflight.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized long nextSeq() {
        return nextSeq;
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            flushAcks();
            if (reservedSeq != 0) {
                appendNextSeq(); // the exact value, so an orderly restart leaves no gap after QoS 0
            }
            channel.close();
            channel = null;
        }
    }

    private void replay() throws IOException {
        TreeMap<Long, Entry> live = new TreeMap<>();
        long validEnd = 0;
        if (Files.exists(file)) {
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer all = ByteBuffer.allocate((int) Math.min(in.size(), Integer.MAX_VALUE - 16));
                while (all.hasRemaining() && in.read(all) >= 0) {
                    // read it all
                }
                all.flip();
                while (all.remaining() >= 8) {
                    int start = all.position();
                    int length = all.getInt();
                    int crc = all.getInt();
                    if (length < 1 || length > all.remaining()) {
                        break; // torn tail
                    }
                    byte[] record = new byte[length];
                    all.get(record);
                    if (crc(record) != crc) {
                        all.position(start);
                        break;
                    }
                    apply(ByteBuffer.wrap(record), live);
                    validEnd = all.position();
                }
            }
        }
        nextSeq = Math.max(1, Math.max(lastNextSeqRecord, maxMessageSeq + 1));
        for (Entry entry : live.values()) {
            pending.addLast(entry);
            bytes += entry.payload().length;
        }
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        channel.truncate(validEnd);
        channel.position(validEnd);
        fileSize = validEnd;
        if (validEnd == 0) {
            appendNextSeq();
        }
    }

    private long lastNextSeqRecord; // replay only
    private long maxMessageSeq;     // replay only

    private void apply(ByteBuffer record, TreeMap<Long, Entry> live) {
        byte type = record.get();
        long seq = record.getLong();
        switch (type) {
            case MESSAGE -> {
                long enqueuedAt = record.getLong();
                int qos = record.get();
                boolean retain = record.get() != 0;
                byte[] topic = new byte[record.getShort() & 0xffff];
                record.get(topic);
                byte[] payload = new byte[record.remaining()];
                record.get(payload);
                live.put(seq, new Entry(seq, enqueuedAt, new String(topic, StandardCharsets.UTF_8), qos, retain, payload));
                maxMessageSeq = Math.max(maxMessageSeq, seq);
            }
            case ACK -> live.remove(seq);
            // The last such record wins over earlier ones: a reservation for QoS 0 is followed by an
            // exact value on close. Every one of them is at least every seq used before it.
            case NEXT_SEQ -> lastNextSeqRecord = seq;
            default -> { /* unknown record type from a newer version: skip */ }
        }
    }

    private void appendMessage(Entry entry) throws IOException {
        byte[] topic = entry.topic().getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(1 + 8 + 8 + 1 + 1 + 2 + topic.length + entry.payload().length);
        body.put(MESSAGE).putLong(entry.seq()).putLong(entry.enqueuedAt()).put((byte) entry.qos())
                .put((byte) (entry.retain() ? 1 : 0)).putShort((short) topic.length).put(topic).put(entry.payload());
        write(body.array());
    }

    private void appendAck(long seq) throws IOException {
        write(ByteBuffer.allocate(9).put(ACK).putLong(seq).array());
    }

    private void writeNextSeq(long value) throws IOException {
        write(ByteBuffer.allocate(9).put(NEXT_SEQ).putLong(value).array());
    }

    private void appendNextSeq() throws IOException {
        reservedSeq = 0; // an exact record supersedes any reservation; QoS 0 reserves anew
        write(ByteBuffer.allocate(9).put(NEXT_SEQ).putLong(nextSeq).array());
    }

    private void write(byte[] record) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8 + record.length);
        buffer.putInt(record.length).putInt(crc(record)).put(record).flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        fileSize += 8 + record.length;
    }

    private void compactIfWorthIt() throws IOException {
        flushAcks(); // a truncate or rewrite must not lose acknowledgements still in memory
        if (size() == 0 && fileSize > TRUNCATE_WHEN_EMPTY_ABOVE) {
            channel.truncate(0);
            channel.position(0);
            fileSize = 0;
            appendNextSeq();
        } else if (fileSize > REWRITE_ABOVE && fileSize > 4 * (bytes + 64L * size())) {
            rewrite();
        }
    }

    /** Writes the live messages to a new file and swaps it in atomically. */
    private void rewrite() throws IOException {
        Path tmp = file.resolveSibling("journal.tmp");
        channel.close();
        channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, StandardOpenOption.READ);
        fileSize = 0;
        appendNextSeq();
        for (Entry entry : inflight.values()) {
            appendMessage(entry);
        }
        for (Iterator<Entry> it = pending.iterator(); it.hasNext(); ) {
            appendMessage(it.next());
        }
        channel.force(true);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static int crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return (int) crc.getValue();
    }
}
