package io.flowmqtt.transport.internal;

import java.io.EOFException;
import java.io.IOException;
import java.util.zip.CRC32;

/**
 * Reads the journal's frames at given offsets through a small window, so that a replay never holds
 * more of the file than one record; and finds where intact frames start again after damage.
 */
final class FrameReader {
    private static final int WINDOW = 64 * 1024;

    private final JournalIo.Handle in;
    private final long size;
    private final byte[] window = new byte[WINDOW];
    private long windowStart;
    private int windowLength;

    FrameReader(JournalIo.Handle in) throws IOException {
        this.in = in;
        this.size = in.length();
    }

    long size() {
        return size;
    }

    /**
     * The body of the frame at {@code pos} if it is complete and its CRC matches, else {@code null}.
     * {@code strict} also wants a record type and length this version writes (see
     * {@link JournalRecords#plausible}); without it, intact records of unknown types pass, to be skipped.
     */
    byte[] frameAt(long pos, boolean strict) throws IOException {
        if (size - pos < JournalRecords.FRAME_HEADER + 1) {
            return null;
        }
        int length = intAt(pos);
        long bodyAt = pos + JournalRecords.FRAME_HEADER;
        if (length < 1 || length > size - bodyAt || length > JournalRecords.MAX_BODY) {
            return null;
        }
        if (strict) {
            byte[] head = new byte[Math.min(length, JournalRecords.MESSAGE_HEAD)];
            read(bodyAt, head, 0, head.length);
            if (!JournalRecords.plausible(head, length)) {
                return null;
            }
        }
        int crc = intAt(pos + 4);
        if (length > WINDOW && crcOf(bodyAt, length) != crc) {
            return null; // a large candidate is checked without allocating room for it
        }
        byte[] body = new byte[length];
        read(bodyAt, body, 0, length);
        return JournalRecords.crc(body, 0, length) == crc ? body : null;
    }

    /** The first offset from {@code from} on where an intact, plausible frame starts, or -1. */
    long nextFrame(long from) throws IOException {
        for (long pos = from; size - pos > JournalRecords.FRAME_HEADER; pos++) {
            if (frameAt(pos, true) != null) {
                return pos;
            }
        }
        return -1;
    }

    /** Copies {@code length} bytes at {@code pos} to {@code out}, a window at a time. */
    void copy(long pos, long length, JournalIo.Handle out) throws IOException {
        byte[] chunk = new byte[(int) Math.min(WINDOW, length)];
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(chunk.length, length - done);
            read(pos + done, chunk, 0, n);
            out.write(chunk, 0, n);
            done += n;
        }
    }

    private int crcOf(long pos, int length) throws IOException {
        CRC32 crc = new CRC32();
        byte[] chunk = new byte[WINDOW];
        for (int done = 0; done < length; ) {
            int n = Math.min(WINDOW, length - done);
            read(pos + done, chunk, 0, n);
            crc.update(chunk, 0, n);
            done += n;
        }
        return (int) crc.getValue();
    }

    private int intAt(long pos) throws IOException {
        fill(pos, 4);
        int i = (int) (pos - windowStart);
        return (window[i] & 0xff) << 24 | (window[i + 1] & 0xff) << 16 | (window[i + 2] & 0xff) << 8 | window[i + 3] & 0xff;
    }

    /** Reads from the window where it holds the bytes, else straight from the file. */
    private void read(long pos, byte[] into, int offset, int length) throws IOException {
        if (length <= WINDOW) {
            fill(pos, length);
            System.arraycopy(window, (int) (pos - windowStart), into, offset, length);
            return;
        }
        in.seek(pos);
        readFully(into, offset, length);
    }

    /** Makes the window hold {@code [pos, pos + length)}; the caller knows those bytes are in the file. */
    private void fill(long pos, int length) throws IOException {
        if (pos >= windowStart && pos + length <= windowStart + windowLength) {
            return;
        }
        windowStart = pos;
        windowLength = (int) Math.min(WINDOW, size - pos);
        in.seek(pos);
        readFully(window, 0, windowLength);
    }

    private void readFully(byte[] into, int offset, int length) throws IOException {
        for (int done = 0; done < length; ) {
            int n = in.read(into, offset + done, length - done);
            if (n < 0) {
                throw new EOFException("journal ended while being read");
            }
            done += n;
        }
    }
}
