package io.flowmqtt.transport.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Reads a journal record by record and tells what is still queued. Damage is not the end of the file:
 * the damaged bytes are copied aside, reading goes on at the next intact record, and each repair is
 * told in a sentence. Only bytes after the last intact record (a write cut short by a crash) are cut off.
 */
final class JournalReplay {
    /** What a journal holds: live messages in seq order, where its intact records end, and what was repaired. */
    record Result(List<MessageJournal.Entry> live, long nextSeq, long validEnd, boolean damaged, List<String> warnings) {
    }

    /**
     * After damage, seq continues this far past the highest one seen: a lost reservation or message
     * might have used seqs beyond it, and reusing a seq would let consumers drop a new message as a
     * duplicate. The gap tells them something is missing, which is true.
     */
    static final long SEQ_MARGIN_AFTER_DAMAGE = 1024;

    private final Path file;
    private final JournalIo io;
    private final TreeMap<Long, MessageJournal.Entry> live = new TreeMap<>();
    private final List<String> warnings = new ArrayList<>();
    private long lastNextSeq;
    private long highestNextSeq;
    private long highestMessageSeq;
    private boolean damaged;

    private JournalReplay(Path file, JournalIo io) {
        this.file = file;
        this.io = io;
    }

    static Result read(Path file, JournalIo io) throws IOException {
        JournalReplay replay = new JournalReplay(file, io);
        long validEnd = Files.exists(file) ? replay.readAll() : 0;
        return replay.result(validEnd);
    }

    private long readAll() throws IOException {
        long validEnd = 0;
        try (JournalIo.Handle in = io.open(file)) {
            FrameReader reader = new FrameReader(in);
            long pos = 0;
            while (pos < reader.size()) {
                byte[] body = reader.frameAt(pos, false);
                if (body != null) {
                    apply(body, pos);
                    pos += JournalRecords.FRAME_HEADER + body.length;
                    validEnd = pos;
                    continue;
                }
                long resume = reader.nextFrame(pos + 1);
                if (resume < 0) {
                    warnings.add("journal " + file + ": " + (reader.size() - pos) + " bytes of an incomplete or damaged "
                            + "last record at offset " + pos + " cut off (a write cut short by a crash)");
                    break;
                }
                damaged = true;
                warnings.add("journal " + file + ": " + (resume - pos) + " damaged bytes at offset " + pos + " skipped, "
                        + copyAside(reader, pos, resume - pos) + "; replay went on at offset " + resume);
                pos = resume;
            }
        }
        return validEnd;
    }

    private void apply(byte[] body, long offset) {
        byte type = body[0];
        try {
            switch (type) {
                case JournalRecords.MESSAGE, JournalRecords.MESSAGE_V1 -> {
                    MessageJournal.Entry entry = JournalRecords.decodeMessage(body);
                    live.put(entry.seq(), entry);
                    highestMessageSeq = Math.max(highestMessageSeq, entry.seq());
                }
                case JournalRecords.ACK -> live.remove(ByteBuffer.wrap(body, 1, 8).getLong());
                case JournalRecords.NEXT_SEQ -> {
                    // The last such record wins over earlier ones: a reservation for QoS 0 is followed by an
                    // exact value on close. Every one of them is at least every seq used before it.
                    lastNextSeq = ByteBuffer.wrap(body, 1, 8).getLong();
                    highestNextSeq = Math.max(highestNextSeq, lastNextSeq);
                }
                default -> { /* a record type of a newer version: skipped */ }
            }
        } catch (RuntimeException e) {
            // intact by its CRC yet not decodable: written by a bug, not damaged by the disk
            damaged = true;
            warnings.add("journal " + file + ": record of type '" + (char) type + "' at offset " + offset
                    + " cannot be read (" + e + "): skipped");
        }
    }

    /** Copies damaged bytes to a file of their own, for someone to look at; says where, or why not. */
    private String copyAside(FrameReader reader, long pos, long length) {
        Path aside;
        long stamp = System.currentTimeMillis();
        do {
            aside = file.resolveSibling(file.getFileName() + ".damaged-" + stamp++); // one file per damaged stretch
        } while (Files.exists(aside));
        try (JournalIo.Handle out = io.open(aside)) {
            reader.copy(pos, length, out);
            return "copied to " + aside;
        } catch (IOException e) {
            return "not copied aside (" + aside + ": " + e.getMessage() + ")";
        }
    }

    private Result result(long validEnd) {
        long next = Math.max(lastNextSeq, highestMessageSeq + 1);
        if (damaged) {
            next = Math.max(highestNextSeq, highestMessageSeq + 1) + SEQ_MARGIN_AFTER_DAMAGE;
        }
        return new Result(new ArrayList<>(live.values()), Math.max(1, next), validEnd, damaged, List.copyOf(warnings));
    }
}
