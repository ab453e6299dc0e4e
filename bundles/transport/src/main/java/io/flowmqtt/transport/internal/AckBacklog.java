package io.flowmqtt.transport.internal;

import java.io.IOException;
import java.util.Arrays;

/**
 * Acknowledgements not written yet: collected into batches (losing one to a crash only re-sends
 * delivered messages), and kept for the next try when writing them fails.
 */
final class AckBacklog {
    private long[] seqs;
    private int count;

    AckBacklog(int batch) {
        seqs = new long[batch];
    }

    int count() {
        return count;
    }

    void add(long seq) {
        if (count == seqs.length) {
            seqs = Arrays.copyOf(seqs, count * 2); // only while writes fail
        }
        seqs[count++] = seq;
    }

    /** They no longer need writing (the file they refer to was replaced). */
    void clear() {
        count = 0;
    }

    /** Writes all of them in one write; false, and they stay, when it fails ({@link JournalFile#failure} says why). */
    boolean flush(JournalFile file) {
        if (count == 0) {
            return true;
        }
        try {
            file.append(JournalRecords.seqRecords(JournalRecords.ACK, seqs, count));
        } catch (IOException e) {
            return false;
        }
        count = 0;
        return true;
    }
}
