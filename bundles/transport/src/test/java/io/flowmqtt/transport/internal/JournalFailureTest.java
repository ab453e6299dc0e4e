package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.PublishResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/**
 * Writes that fail, injected at the journal's I/O boundary ({@link FaultyIo}): a full disk, a file
 * closed under the writer, a rewrite that cannot be finished. Nothing accepted may be lost, nothing
 * half-written may stay behind, and the journal must work again once the cause is gone.
 */
public class JournalFailureTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static final QueueLimits ROOMY = new QueueLimits(100_000, 64L << 20, QueueLimits.DropPolicy.OLDEST);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();
    private final FaultyIo io = new FaultyIo();
    private Path dir;
    private MessageJournal journal;

    @Before
    public void open() throws IOException {
        dir = tmp.getRoot().toPath().resolve("q");
        journal = MessageJournal.open(dir, ROOMY, io);
    }

    @After
    public void close() throws IOException {
        io.free(Long.MAX_VALUE);
        journal.close();
    }

    private MessageJournal.Offer offer(int size) throws IOException {
        return journal.offer("t/x", 1, true, false, seq -> new byte[size], 1 << 20, 1);
    }

    /** What a restart after a crash would find, read with plain file I/O. */
    private static List<Long> replay(Path dir, List<String> warnings) throws IOException {
        MessageJournal other = MessageJournal.open(dir, ROOMY);
        try {
            warnings.addAll(other.replayWarnings());
            List<Long> seqs = new ArrayList<>();
            for (MessageJournal.Entry e : other.take(100_000)) {
                seqs.add(e.seq());
            }
            return seqs;
        } finally {
            other.close();
        }
    }

    static void assertFullDisk(IOException e, Path journalFile) {
        assertTrue(e.getMessage(), e.getMessage().startsWith("journal " + journalFile + ": write failed: "));
        assertTrue(e.getMessage(), e.getMessage().contains(FaultyIo.NO_SPACE));
    }

    @Test
    public void aFullDiskRefusesNewMessagesLosesNoneAndLeavesNoPartOfARecord() throws Exception {
        io.free(20_000);
        List<Long> accepted = new ArrayList<>();
        IOException refused = null;
        for (int i = 0; i < 100 && refused == null; i++) {
            try {
                accepted.add(offer(1000).seq());
            } catch (IOException e) {
                refused = e;
            }
        }
        assertNotNull("the disk never filled up", refused);
        assertFullDisk(refused, dir.resolve("journal"));
        assertEquals(refused.getMessage(), journal.failure());
        assertEquals(19, accepted.size());
        assertEquals("a refused message uses no seq", 20, journal.nextSeq());
        try {
            offer(1000);
            throw new AssertionError("accepted on a full disk");
        } catch (IOException again) {
            assertFullDisk(again, dir.resolve("journal"));
        }
        assertEquals(19, journal.size());

        List<String> warnings = new ArrayList<>();
        assertEquals("a crash now: exactly the accepted ones", accepted, replay(dir, warnings));
        assertEquals("no part of a refused record is left", List.of(), warnings);

        io.free(10_000); // room again
        MessageJournal.Offer after = offer(1000);
        assertEquals(PublishResult.QUEUED, after.result());
        assertEquals(20, after.seq());
        assertNull(journal.failure());
        accepted.add(after.seq());
        warnings.clear();
        assertEquals(accepted, replay(dir, warnings));
        assertEquals(List.of(), warnings);
    }

    @Test
    public void aMessageKeptInMemoryIsRefusedWhenItsSeqCannotBeReserved() throws Exception {
        io.free(0);
        try {
            journal.offer("t/zero", 0, false, false, seq -> new byte[10], 100, 1);
            throw new AssertionError("accepted without a reservation: a crash could make its seq be used again");
        } catch (IOException expected) {
            assertFullDisk(expected, dir.resolve("journal"));
        }
        assertEquals(0, journal.size());
        io.free(1000);
        assertEquals(1, journal.offer("t/zero", 0, false, false, seq -> new byte[10], 100, 1).seq());
    }

    @Test
    public void aFileClosedUnderTheWriterIsOpenedAgainAndTheWriteRetried() throws Exception {
        offer(10);
        int opens = io.opened.size();
        io.closeUnderWriter(1);
        assertEquals(PublishResult.QUEUED, offer(10).result());
        assertNull(journal.failure());
        assertEquals("opened once more", opens + 1, io.opened.size());
        io.closeUnderWriter(2); // fails again on the retry: refused, and still usable afterwards
        try {
            offer(10);
            throw new AssertionError("accepted");
        } catch (IOException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("ClosedChannelException"));
        }
        assertEquals(3, offer(10).seq());
        List<String> warnings = new ArrayList<>();
        assertEquals(List.of(1L, 2L, 3L), replay(dir, warnings));
        assertEquals(List.of(), warnings);
    }

    @Test
    public void acknowledgementsThatCannotBeWrittenAreKeptAndWrittenLater() throws Exception {
        for (int i = 0; i < 10; i++) {
            offer(100);
        }
        List<MessageJournal.Entry> sent = journal.take(10);
        io.free(0);
        for (MessageJournal.Entry e : sent) {
            assertTrue("delivered does not fail for an acknowledgement it could not write", journal.delivered(e.seq()));
        }
        assertEquals(0, journal.size());
        assertNotNull(journal.failure());
        List<String> warnings = new ArrayList<>();
        assertEquals("a crash now sends them again, never loses one", 10, replay(dir, warnings).size());

        io.free(Long.MAX_VALUE);
        offer(100);
        journal.delivered(journal.next().seq()); // the queue is empty again: every acknowledgement is written
        assertNull(journal.failure());
        assertEquals(List.of(), replay(dir, warnings));
        assertEquals(List.of(), warnings);
    }

    @Test
    public void aRemovalThatCannotBeWrittenLeavesTheMessageQueued() throws Exception {
        offer(10);
        offer(10);
        io.free(0);
        try {
            journal.remove(1);
            throw new AssertionError("removed without writing it");
        } catch (IOException expected) {
            assertFullDisk(expected, dir.resolve("journal"));
        }
        assertEquals(2, journal.size());
        assertEquals(1, journal.find(1).seq());
        io.free(Long.MAX_VALUE);
        assertEquals(1, journal.remove(1).seq());
        List<String> warnings = new ArrayList<>();
        assertEquals(List.of(2L), replay(dir, warnings));
    }

    @Test
    public void aRewriteThatFailsKeepsTheOldFileAndItsTmpFileGoes() throws Exception {
        fillAndEmpty(); // an emptied journal over 1 MiB is replaced by a fresh one ...
        Path file = dir.resolve("journal");
        assertTrue("... but writing journal.tmp failed: the old file stays", Files.size(file) > 1 << 20);
        assertFalse(Files.exists(dir.resolve("journal.tmp")));
        assertTrue(journal.failure(), journal.failure().contains("rewrite failed, appending to the old file instead"));

        io.failWritesTo(null);
        MessageJournal.Offer next = offer(10);
        assertNull("appending to the old file works", journal.failure());
        List<String> warnings = new ArrayList<>();
        assertEquals(List.of(next.seq()), replay(dir, warnings));
        assertEquals(List.of(), warnings);
    }

    @Test
    public void aRenameThatFailsKeepsTheOldFileToo() throws Exception {
        io.failReplace(true);
        for (int i = 0; i < 1100; i++) {
            offer(1000);
        }
        for (MessageJournal.Entry e : journal.take(2000)) {
            journal.delivered(e.seq());
        }
        assertTrue(Files.size(dir.resolve("journal")) > 1 << 20);
        assertFalse(Files.exists(dir.resolve("journal.tmp")));
        assertNotNull(journal.failure());
        io.failReplace(false);
        assertEquals(1101, offer(10).seq());
        List<String> warnings = new ArrayList<>();
        assertEquals(List.of(1101L), replay(dir, warnings));
    }

    @Test
    public void theRewriteOfAnEmptyQueueForcesNothingToTheDevice() throws Exception {
        // it holds no message, only the next seq: an fsync here stalled every publisher behind the journal's lock
        for (int i = 0; i < 1100; i++) {
            offer(1000);
        }
        for (MessageJournal.Entry e : journal.take(2000)) {
            journal.delivered(e.seq());
        }
        assertTrue(Files.size(dir.resolve("journal")) < 100);
        assertEquals(List.of(), io.synced);
        assertEquals(1101, offer(10).seq());
    }

    @Test
    public void aRewriteThatCarriesMessagesForcesTheCopyAndThenTheDirectoryAfterTheRename() throws Exception {
        for (int i = 0; i < 3; i++) {
            offer(1000);
        }
        journal.close();
        byte[] bytes = Files.readAllBytes(dir.resolve("journal"));
        bytes[bytes.length / 2] ^= 0x5a; // damage in the middle of the second message: the reopen rewrites the file
        Files.write(dir.resolve("journal"), bytes);
        assertTrue(io.synced.isEmpty());
        journal = MessageJournal.open(dir, ROOMY, io);
        assertEquals(List.of(dir.resolve("journal.tmp"), dir), io.synced);
        assertEquals(2, journal.size());
    }

    private void fillAndEmpty() throws IOException {
        for (int i = 0; i < 1100; i++) {
            offer(1000);
        }
        io.failWritesTo("journal.tmp");
        for (MessageJournal.Entry e : journal.take(2000)) {
            journal.delivered(e.seq());
        }
    }
}
