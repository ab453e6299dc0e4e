package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/** Replay of journals with damage in them, and of journals written by the first version. */
public class JournalReplayTest extends JournalTestBase {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static final QueueLimits LARGE = new QueueLimits(1000, 16 << 20, QueueLimits.DropPolicy.OLDEST);

    @Override
    QueueLimits limits() {
        return LARGE;
    }

    private void offer(int payloadBytes) throws IOException {
        journal.offer("t/x", 1, true, false, seq -> filled(seq, payloadBytes), 1 << 20, 1);
    }

    private static byte[] filled(long seq, int size) {
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) seq);
        return payload;
    }

    private List<Long> reopenAndList() throws IOException {
        journal.close();
        journal = MessageJournal.open(dir, LARGE);
        List<Long> seqs = new ArrayList<>();
        for (MessageJournal.Entry e : journal.take(10_000)) {
            seqs.add(e.seq());
        }
        journal.requeueInflight();
        return seqs;
    }

    /** Offsets of the frames in the file, read with the framing as specified (length, crc, body). */
    private List<Long> frameOffsets() throws IOException {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file()));
        List<Long> offsets = new ArrayList<>();
        while (all.remaining() >= 8) {
            offsets.add((long) all.position());
            int length = all.getInt();
            all.position(all.position() + 4 + length);
        }
        return offsets;
    }

    private void overwrite(long offset, byte[] bytes) throws IOException {
        byte[] all = Files.readAllBytes(file());
        System.arraycopy(bytes, 0, all, (int) offset, bytes.length);
        Files.write(file(), all);
    }

    private List<Path> damagedFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("journal.damaged-")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    public void aDamagedRecordInTheMiddleIsCopiedAsideAndReplayGoesOn() throws Exception {
        for (int i = 0; i < 5; i++) {
            offer(100);
        }
        journal.close();
        List<Long> offsets = frameOffsets();
        long start = offsets.get(2);
        long end = offsets.get(3);
        overwrite(start + 60, new byte[] {(byte) 0xEE}); // inside seq 3's payload: its CRC no longer matches
        byte[] damagedBytes = Arrays.copyOfRange(Files.readAllBytes(file()), (int) start, (int) end);

        journal = MessageJournal.open(dir, LARGE);
        List<Long> seqs = new ArrayList<>();
        for (MessageJournal.Entry e : journal.take(10)) {
            seqs.add(e.seq());
            assertArrayEquals("records after the damage are whole", filled(e.seq(), 100), e.payload());
        }
        journal.requeueInflight();
        assertEquals("only the damaged record is missing", List.of(1L, 2L, 4L, 5L), seqs);
        List<Path> aside = damagedFiles();
        assertEquals(1, aside.size());
        assertArrayEquals("the damaged bytes, raw", damagedBytes, Files.readAllBytes(aside.get(0)));
        assertEquals(List.of("journal " + file() + ": " + (end - start) + " damaged bytes at offset " + start
                + " skipped, copied to " + aside.get(0) + "; replay went on at offset " + end), journal.replayWarnings());
        assertTrue("a seq that the damaged part may have used is not used again, next " + journal.nextSeq(),
                journal.nextSeq() > 5);

        long next = journal.nextSeq();
        assertEquals("the journal was rewritten without the damage", List.of(1L, 2L, 4L, 5L), reopenAndList());
        assertTrue(journal.replayWarnings().isEmpty());
        assertEquals(1, damagedFiles().size());
        assertEquals(next, journal.nextSeq());
    }

    @Test
    public void anImpossibleLengthInTheMiddleSkipsOneRecordOnly() throws Exception {
        for (int i = 0; i < 4; i++) {
            offer(50);
        }
        journal.close();
        long start = frameOffsets().get(1);
        overwrite(start, new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}); // far beyond the end of the file
        journal = MessageJournal.open(dir, LARGE);
        assertEquals(List.of(1L, 3L, 4L), reopenAndList());
    }

    @Test
    public void severalDamagedStretchesEachGetAFileAndASentence() throws Exception {
        for (int i = 0; i < 6; i++) {
            offer(40);
        }
        journal.close();
        List<Long> offsets = frameOffsets();
        overwrite(offsets.get(0) + 4, new byte[] {1, 2, 3, 4}); // the very first record's CRC
        overwrite(offsets.get(3) + 30, new byte[] {9});
        overwrite(offsets.get(4) + 30, new byte[] {9}); // two neighbours: one stretch
        journal = MessageJournal.open(dir, LARGE);
        assertEquals(2, journal.replayWarnings().size());
        assertTrue(journal.replayWarnings().get(0), journal.replayWarnings().get(0).contains("at offset 0 skipped"));
        assertTrue(journal.replayWarnings().get(1), journal.replayWarnings().get(1).contains(
                (offsets.get(5) - offsets.get(3)) + " damaged bytes at offset " + offsets.get(3)));
        assertEquals(2, damagedFiles().size());
        assertEquals(List.of(2L, 3L, 6L), reopenAndList());
    }

    @Test
    public void aRecordLargerThanTheReadWindowReplaysAndItsDamageIsSkipped() throws Exception {
        offer(10);
        offer(300_000);
        offer(200_000);
        offer(10);
        journal.close();
        assertEquals(List.of(1L, 2L, 3L, 4L), reopenAndList());
        assertArrayEquals(filled(2, 300_000), journal.find(2).payload());
        journal.close();
        overwrite(frameOffsets().get(1) + 150_000, new byte[] {42});
        journal = MessageJournal.open(dir, LARGE);
        assertEquals(1, journal.replayWarnings().size());
        assertEquals(List.of(1L, 3L, 4L), reopenAndList());
        assertArrayEquals(filled(3, 200_000), journal.find(3).payload());
    }

    @Test
    public void recordsOfTheFirstVersionReplayWithTheirAbsoluteTopic() throws Exception {
        journal.close();
        ByteArrayOutputStream old = new ByteArrayOutputStream();
        old.write(frame(seqBody('S', 1)));
        old.write(frame(oldMessage(1, 111, 2, true, "plant/dev1/a", "one".getBytes(StandardCharsets.UTF_8))));
        old.write(frame(oldMessage(2, 222, 1, false, "plant/dev1/b", "two".getBytes(StandardCharsets.UTF_8))));
        old.write("some damage".getBytes(StandardCharsets.UTF_8)); // makes the journal be rewritten on open
        old.write(frame(oldMessage(3, 333, 0, false, "plant/dev1/c", "three".getBytes(StandardCharsets.UTF_8))));
        old.write(frame(seqBody('A', 2)));
        old.write(frame(new byte[] {'Z', 1, 2, 3})); // a record type this version does not know: skipped
        Files.write(file(), old.toByteArray());

        journal = MessageJournal.open(dir, LARGE);
        assertEquals(1, journal.replayWarnings().size());
        assertEquals(2, journal.size());
        journal.close();
        journal = MessageJournal.open(dir, LARGE);
        assertEquals("rewritten in this version's format, keeping what the old one said", List.of(), journal.replayWarnings());
        assertEquals(2, journal.size());
        MessageJournal.Entry one = journal.next();
        assertEquals(1, one.seq());
        assertEquals("plant/dev1/a", one.topic());
        assertFalse("an absolute topic", one.relative());
        assertEquals(2, one.qos());
        assertTrue(one.retain());
        assertEquals(111, one.enqueuedAt());
        assertTrue("it is on disk, so its removal is written", one.persisted());
        assertEquals("three", new String(journal.find(3).payload(), StandardCharsets.UTF_8));
        assertTrue(journal.delivered(1));
        long added = journal.offer("b/new", -1, true, false, seq -> new byte[] {4}, 100, 444).seq();
        assertEquals("seq went on past the margin kept after damage", 4 + JournalReplay.SEQ_MARGIN_AFTER_DAMAGE, added);
        assertEquals(List.of(3L, added), reopenAndList());
        assertFalse(journal.find(3).relative());
        assertTrue(journal.find(added).relative());
    }

    static byte[] frame(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return ByteBuffer.allocate(8 + body.length).putInt(body.length).putInt((int) crc.getValue()).put(body).array();
    }

    static byte[] seqBody(char type, long value) {
        return ByteBuffer.allocate(9).put((byte) type).putLong(value).array();
    }

    /** A message record as the first version wrote it. */
    static byte[] oldMessage(long seq, long at, int qos, boolean retain, String topic, byte[] payload) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(21 + t.length + payload.length).put((byte) 'M').putLong(seq).putLong(at).put((byte) qos)
                .put((byte) (retain ? 1 : 0)).putShort((short) t.length).put(t).put(payload).array();
    }
}
