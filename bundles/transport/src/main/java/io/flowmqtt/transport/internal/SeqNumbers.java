package io.flowmqtt.transport.internal;

import java.io.IOException;

/**
 * An interface's sequence numbers: hands them out and has the journal say which are used up, so that
 * none is used twice, even after a crash (consumers would drop the second as a duplicate). A persisted
 * message's own record says so; messages kept in memory only use seqs reserved ahead in steps, so a
 * crash leaves a visible gap, never a reused seq. Not thread-safe: the journal's lock guards it.
 */
final class SeqNumbers {
    /** How many seqs one reservation covers: one small write per this many unpersisted messages. */
    static final long RESERVATION = 1024;

    private long next;
    private long reserved; // seqs below it may be used without writing; 0 = nothing reserved

    SeqNumbers(long next) {
        this.next = next;
    }

    /** The seq the next message gets. */
    long next() {
        return next;
    }

    /** The next seq went into a record written to the journal. */
    void usedByRecord() {
        next++;
    }

    /** The next seq goes to a message kept in memory only; throws, having used nothing, when a reservation fails. */
    void usedInMemory(JournalFile file) throws IOException {
        if (next + 1 > reserved) {
            long reserve = next + 1 + RESERVATION;
            file.append(JournalRecords.seqRecord(JournalRecords.NEXT_SEQ, reserve));
            reserved = reserve;
        }
        next++;
    }

    /** The next seq is used up without a message (it was dropped): recorded, so the gap survives a restart. */
    void usedUp(JournalFile file) throws IOException {
        file.append(JournalRecords.seqRecord(JournalRecords.NEXT_SEQ, next + 1));
        next++;
        reserved = 0; // an exact record supersedes any reservation
    }

    /** On an orderly close: the exact value, so a restart leaves no gap after unpersisted messages. */
    void writeExact(JournalFile file) throws IOException {
        if (reserved != 0) {
            file.append(JournalRecords.seqRecord(JournalRecords.NEXT_SEQ, next));
            reserved = 0;
        }
    }

    /** The record a rewritten journal starts with. */
    byte[] exactRecord() {
        return JournalRecords.seqRecord(JournalRecords.NEXT_SEQ, next);
    }

    /** A rewritten journal starting with {@link #exactRecord} took the old one's place. */
    void rewritten() {
        reserved = 0;
    }
}
