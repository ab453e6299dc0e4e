package io.flowmqtt.transport.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The journal's record format. Each record is framed as {@code int length, int crc32(body), body}; a
 * body starts with its type byte. The framing is the one of the first version, so its journals replay.
 *
 * <ul>
 *   <li>{@code 'R'} a message: seq, enqueued at, requested QoS (-1 = the interface's), flags (1 retain,
 *       2 topic below the topic root), topic length (unsigned short), topic, payload.</li>
 *   <li>{@code 'M'} a message of the first version: the same, with an absolute topic, QoS 0 to 2 and a
 *       retain byte instead of flags. Read only.</li>
 *   <li>{@code 'A'} seq: the message left the queue. {@code 'S'} value: seqs below it are used up.</li>
 * </ul>
 */
final class JournalRecords {
    static final byte MESSAGE = 'R';
    static final byte MESSAGE_V1 = 'M';
    static final byte ACK = 'A';
    static final byte NEXT_SEQ = 'S';
    /** Length and CRC in front of every body. */
    static final int FRAME_HEADER = 8;
    /** MQTT's own bound on a topic, and what the record's unsigned short can say. */
    static final int MAX_TOPIC_BYTES = 65535;
    /** type, seq, enqueued at, qos, flags, topic length */
    static final int MESSAGE_HEAD = 1 + 8 + 8 + 1 + 1 + 2;
    /** type and one long */
    static final int SEQ_BODY = 9;
    /** No body is larger: the largest payload an interface allows (256 MiB), the largest topic and the head. */
    static final int MAX_BODY = (256 << 20) + MAX_TOPIC_BYTES + MESSAGE_HEAD;

    private static final int RETAIN = 1;
    private static final int RELATIVE = 2;

    private JournalRecords() {
    }

    /** The topic as the record holds it; refuses one that neither MQTT nor the record could carry. */
    static byte[] topicBytes(String topic) {
        byte[] bytes = topic.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_TOPIC_BYTES) {
            throw new IllegalArgumentException("topic of " + bytes.length + " UTF-8 bytes is longer than MQTT's limit of "
                    + MAX_TOPIC_BYTES + " bytes");
        }
        return bytes;
    }

    /** A framed message record. */
    static byte[] message(MessageJournal.Entry entry, byte[] topic) {
        int bodyLength = MESSAGE_HEAD + topic.length + entry.payload().length;
        ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER + bodyLength);
        frame.position(FRAME_HEADER);
        frame.put(MESSAGE).putLong(entry.seq()).putLong(entry.enqueuedAt()).put((byte) entry.qos())
                .put((byte) ((entry.retain() ? RETAIN : 0) | (entry.relative() ? RELATIVE : 0)))
                .putShort((short) topic.length).put(topic).put(entry.payload());
        return seal(frame.array());
    }

    /** Framed {@code 'A'} or {@code 'S'} records, one per value, in one array: one write for a batch. */
    static byte[] seqRecords(byte type, long[] values, int count) {
        int frameLength = FRAME_HEADER + SEQ_BODY;
        byte[] all = new byte[count * frameLength];
        ByteBuffer buffer = ByteBuffer.wrap(all);
        for (int i = 0; i < count; i++) {
            int start = i * frameLength;
            buffer.position(start + FRAME_HEADER);
            buffer.put(type).putLong(values[i]);
            buffer.putInt(start, SEQ_BODY).putInt(start + 4, crc(all, start + FRAME_HEADER, SEQ_BODY));
        }
        return all;
    }

    static byte[] seqRecord(byte type, long value) {
        return seqRecords(type, new long[] {value}, 1);
    }

    /** A message record's body as an entry; such entries were written, so they are persisted. */
    static MessageJournal.Entry decodeMessage(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte type = in.get();
        long seq = in.getLong();
        long enqueuedAt = in.getLong();
        int qos = in.get();
        int flags = in.get();
        byte[] topic = new byte[in.getShort() & 0xffff];
        in.get(topic);
        byte[] payload = new byte[in.remaining()];
        in.get(payload);
        boolean relative = type == MESSAGE && (flags & RELATIVE) != 0;
        boolean retain = type == MESSAGE ? (flags & RETAIN) != 0 : flags != 0;
        return new MessageJournal.Entry(seq, enqueuedAt, new String(topic, StandardCharsets.UTF_8), relative, qos, retain,
                payload, true);
    }

    /**
     * Whether a body of this length starting with {@code head} (its first {@code min(length,
     * MESSAGE_HEAD)} bytes) is one this version writes. Used when looking for the next record after
     * damage: few random bytes pass, so few CRCs over long stretches are computed, and bytes inside a
     * damaged payload seldom pass for a record.
     */
    static boolean plausible(byte[] head, int length) {
        byte type = head[0];
        return switch (type) {
            case ACK, NEXT_SEQ -> length == SEQ_BODY;
            case MESSAGE, MESSAGE_V1 -> length >= MESSAGE_HEAD && length <= MAX_BODY
                    && head[17] >= (type == MESSAGE ? -1 : 0) && head[17] <= 2
                    && (head[18] & 0xff) <= (type == MESSAGE ? (RETAIN | RELATIVE) : 1)
                    && MESSAGE_HEAD + ((head[19] & 0xff) << 8 | head[20] & 0xff) <= length;
            default -> false;
        };
    }

    static int crc(byte[] data, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }

    /** Fills in length and CRC of a frame whose body is in place. */
    private static byte[] seal(byte[] frame) {
        int bodyLength = frame.length - FRAME_HEADER;
        ByteBuffer.wrap(frame).putInt(0, bodyLength).putInt(4, crc(frame, FRAME_HEADER, bodyLength));
        return frame;
    }
}
