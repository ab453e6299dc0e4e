package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.PublishResult;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class MessageJournalTest extends JournalTestBase {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private MessageJournal.Offer offerBytes(int size) throws IOException {
        return journal.offer("t/big", 1, true, false, seq -> new byte[size], MAX_PAYLOAD, 1000);
    }

    @Test
    public void offerNextDelivered() throws Exception {
        MessageJournal.Offer a = offer("a");
        MessageJournal.Offer b = offer("b");
        assertEquals(PublishResult.QUEUED, a.result());
        assertEquals(1, a.seq());
        assertEquals(2, b.seq());
        assertNull(a.dropped());
        assertEquals(2, journal.size());
        assertEquals(("a#1" + "b#2").length(), journal.bytes());

        MessageJournal.Entry first = journal.next();
        assertEquals(1, first.seq());
        assertEquals("t/a", first.topic());
        assertEquals("a#1", new String(first.payload(), StandardCharsets.UTF_8));
        assertEquals(1, journal.inflightCount());
        assertEquals("in flight still counts as queued", 2, journal.size());
        assertTrue(journal.delivered(1));
        assertFalse("a second acknowledgement is ignored", journal.delivered(1));
        assertFalse("not in flight", journal.delivered(2));
        assertEquals(1, journal.size());
        assertEquals(3, journal.bytes());
        assertEquals(2, journal.next().seq());
        assertNull(journal.next());
        assertEquals(3, offer("c").seq());
    }

    @Test
    public void unsendAndRequeueKeepTheOrder() throws Exception {
        for (String s : new String[] {"a", "b", "c", "d"}) {
            offer(s);
        }
        assertEquals(1, journal.next().seq());
        assertEquals(2, journal.next().seq());
        assertEquals(3, journal.next().seq());
        journal.unsend(3);
        assertEquals(2, journal.requeueInflight());
        assertEquals(0, journal.inflightCount());
        assertEquals(List.of(1L, 2L, 3L, 4L), waitingSeqs());
    }

    @Test
    public void replayKeepsUndeliveredOnlyInOrderWithAllFields() throws Exception {
        journal.offer("topic/ü", 2, true, true, seq -> new byte[] {1, 2, 3}, MAX_PAYLOAD, 4242);
        for (String s : new String[] {"b", "c", "d", "e"}) {
            offer(s);
        }
        for (int i = 0; i < 4; i++) {
            journal.next();
        }
        assertTrue(journal.delivered(2));
        assertTrue(journal.delivered(4));
        // 1 and 3 in flight, 5 waiting: the process stops without acknowledgements
        reopen(ROOMY);
        assertEquals(3, journal.size());
        assertEquals(0, journal.inflightCount());
        assertEquals(3 + "c#3".length() + "e#5".length(), journal.bytes());
        MessageJournal.Entry one = journal.next();
        assertEquals(1, one.seq());
        assertEquals("topic/ü", one.topic());
        assertTrue("a topic below the topic root", one.relative());
        assertTrue(one.persisted());
        assertEquals(2, one.qos());
        assertTrue(one.retain());
        assertEquals(4242, one.enqueuedAt());
        assertArrayEquals(new byte[] {1, 2, 3}, one.payload());
        assertEquals(3, journal.next().seq());
        assertEquals(5, journal.next().seq());
        assertNull(journal.next());
        assertEquals(6, offer("f").seq());
    }

    @Test
    public void garbageAtTheTailIsCutAndTheRestSurvives() throws Exception {
        offer("a");
        offer("b");
        offer("c");
        journal.close();
        long good = Files.size(file());
        // a half-written record: a plausible length and CRC, then too few bytes
        Files.write(file(), new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 'M', 0, 0}, StandardOpenOption.APPEND);
        journal = MessageJournal.open(dir, ROOMY);
        assertEquals(List.of(1L, 2L, 3L), waitingSeqs());
        assertEquals("the torn tail is cut off", good, Files.size(file()));
        assertEquals(1, journal.replayWarnings().size());
        assertTrue(journal.replayWarnings().get(0), journal.replayWarnings().get(0).contains("11 bytes")
                && journal.replayWarnings().get(0).contains("offset " + good) && journal.replayWarnings().get(0).contains("cut off"));
        assertEquals(4, offer("d").seq());
        journal.close();
        // a complete-looking record whose CRC does not match
        Files.write(file(), new byte[] {0, 0, 0, 9, 9, 9, 9, 9, 'A', 0, 0, 0, 0, 0, 0, 0, 1}, StandardOpenOption.APPEND);
        journal = MessageJournal.open(dir, ROOMY);
        assertEquals("what was appended after the first repair is readable", List.of(1L, 2L, 3L, 4L), waitingSeqs());
        assertEquals(5, offer("e").seq());
        reopen(ROOMY);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), waitingSeqs());
    }

    @Test
    public void aRecordTruncatedMidWayIsCut() throws Exception {
        offer("a");
        offer("b");
        offer("c");
        journal.close();
        try (FileChannel ch = FileChannel.open(file(), StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 3);
        }
        journal = MessageJournal.open(dir, ROOMY);
        assertEquals(List.of(1L, 2L), waitingSeqs());
        offer("d");
        reopen(ROOMY);
        List<Long> seqs = waitingSeqs();
        assertEquals(3, seqs.size());
        assertEquals(List.of(1L, 2L), seqs.subList(0, 2));
        assertEquals("d#" + seqs.get(2), text(lastEntry()));
    }

    private MessageJournal.Entry lastEntry() {
        MessageJournal.Entry last = null;
        MessageJournal.Entry e;
        while ((e = journal.next()) != null) {
            last = e;
        }
        journal.requeueInflight();
        return last;
    }

    private static String text(MessageJournal.Entry e) {
        return new String(e.payload(), StandardCharsets.UTF_8);
    }

    @Test
    public void capacityInMessagesDropOldest() throws Exception {
        reopen(new QueueLimits(3, 1 << 20, QueueLimits.DropPolicy.OLDEST));
        offer("a");
        offer("b");
        offer("c");
        MessageJournal.Offer d = offer("d");
        assertEquals(PublishResult.QUEUED_DROPPED_OLDEST, d.result());
        assertEquals(4, d.seq());
        assertEquals(1, d.dropped().seq());
        assertEquals(3, journal.size());
        // a message in flight is never dropped: the oldest waiting one goes
        assertEquals(2, journal.next().seq());
        MessageJournal.Offer e = offer("e");
        assertEquals(3, e.dropped().seq());
        assertTrue(journal.delivered(2));
        assertEquals("delivered messages do not count", PublishResult.QUEUED, offer("f").result());
        assertEquals(List.of(4L, 5L, 6L), waitingSeqs());
        reopen(new QueueLimits(3, 1 << 20, QueueLimits.DropPolicy.OLDEST));
        assertEquals("the drops are in the journal", List.of(4L, 5L, 6L), waitingSeqs());
    }

    @Test
    public void capacityInMessagesDropNewest() throws Exception {
        QueueLimits limits = new QueueLimits(2, 1 << 20, QueueLimits.DropPolicy.NEWEST);
        reopen(limits);
        offer("a");
        offer("b");
        MessageJournal.Offer c = offer("c");
        assertEquals(PublishResult.DROPPED, c.result());
        assertEquals("the dropped message uses up its seq, so consumers see a gap", 3, c.seq());
        assertEquals(2, journal.size());
        journal.next();
        assertTrue(journal.delivered(1));
        assertEquals(4, offer("d").seq());
        assertEquals(List.of(2L, 4L), waitingSeqs());
        assertEquals(PublishResult.DROPPED, offer("e").result());
        reopen(limits);
        assertEquals(List.of(2L, 4L), waitingSeqs());
        journal.next();
        journal.next();
        journal.delivered(2);
        journal.delivered(4);
        assertEquals("the gap left by the dropped seq 5 survives a restart", 6, offer("f").seq());
    }

    @Test
    public void capacityInBytesDropOldest() throws Exception {
        reopen(new QueueLimits(1000, 1024, QueueLimits.DropPolicy.OLDEST));
        for (int i = 0; i < 3; i++) {
            assertEquals(PublishResult.QUEUED, offerBytes(300).result());
        }
        MessageJournal.Offer fourth = offerBytes(300);
        assertEquals(PublishResult.QUEUED_DROPPED_OLDEST, fourth.result());
        assertEquals(1, fourth.dropped().seq());
        assertEquals(900, journal.bytes());
        // one large message needs the room of several small ones
        MessageJournal.Offer large = offerBytes(1000);
        assertEquals(PublishResult.QUEUED_DROPPED_OLDEST, large.result());
        assertEquals(1, journal.size());
        assertEquals(1000, journal.bytes());
        assertTrue(journal.bytes() <= 1024);
    }

    @Test
    public void capacityInBytesDropNewest() throws Exception {
        reopen(new QueueLimits(1000, 1024, QueueLimits.DropPolicy.NEWEST));
        for (int i = 0; i < 3; i++) {
            assertEquals(PublishResult.QUEUED, offerBytes(300).result());
        }
        MessageJournal.Offer fourth = offerBytes(300);
        assertEquals("900 + 300 bytes would exceed 1024", PublishResult.DROPPED, fourth.result());
        assertEquals(900, journal.bytes());
        assertEquals("a small one still fits", PublishResult.QUEUED, offerBytes(100).result());
        assertEquals(1000, journal.bytes());
        assertEquals(List.of(1L, 2L, 3L, 5L), waitingSeqs());
    }

    @Test
    public void aRefusedPayloadDropsNothing() throws Exception {
        reopen(new QueueLimits(2, 1 << 20, QueueLimits.DropPolicy.OLDEST));
        offer("a");
        offer("b");
        MessageJournal.Offer huge = journal.offer("t", 1, true, false, seq -> new byte[2000], 1000, 1);
        assertEquals(PublishResult.REJECTED, huge.result());
        assertNull(huge.dropped());
        MessageJournal.Offer none = journal.offer("t", 1, true, false, seq -> null, 1000, 1);
        assertEquals(PublishResult.REJECTED, none.result());
        assertEquals("nothing was dropped for a message that was refused", List.of(1L, 2L), waitingSeqs());
        assertEquals("a refused message uses no seq", 3, offer("c").seq());
    }

    @Test
    public void seqContinuesAfterReopenWhenEmptied() throws Exception {
        offer("a");
        offer("b");
        journal.next();
        journal.next();
        journal.delivered(1);
        journal.delivered(2);
        assertEquals(0, journal.size());
        reopen(ROOMY);
        assertEquals(0, journal.size());
        assertEquals(3, offer("c").seq());
        // an emptied journal over 1 MiB is truncated: the seq must still continue
        MessageJournal.Offer big = offerBytes(1_200_000);
        assertEquals(4, big.seq());
        journal.next();
        journal.next();
        journal.delivered(3);
        journal.delivered(4);
        assertTrue("the journal was truncated, size " + Files.size(file()), Files.size(file()) < 100);
        reopen(ROOMY);
        assertEquals(0, journal.size());
        assertEquals(5, offer("d").seq());
    }

    @Test
    public void theFileStaysBoundedWhileDroppingDuringAnOutage() throws Exception {
        // a long outage with a full queue: every new message makes an old one go, nothing is delivered
        QueueLimits limits = new QueueLimits(2, 64L << 20, QueueLimits.DropPolicy.OLDEST);
        reopen(limits);
        long largest = 0;
        for (int i = 0; i < 100; i++) {
            offerBytes(1 << 20);
            largest = Math.max(largest, Files.size(file()));
        }
        assertEquals(2, journal.size());
        assertTrue("the journal grew to " + largest + " bytes for a queue of 2 MiB", largest < 80L << 20);
        reopen(limits);
        assertEquals(List.of(99L, 100L), waitingSeqs());
        assertEquals(101, offer("x").seq());
    }

    @Test
    public void rewriteKeepsLiveMessagesAndSeq() throws Exception {
        offer("keep");
        journal.offer("t/memory", 0, false, false, seq -> new byte[] {7}, MAX_PAYLOAD, 1);
        assertEquals(1, journal.next().seq()); // both stay in flight the whole time
        assertEquals(2, journal.next().seq());
        long largest = 0;
        for (int i = 0; i < 70; i++) {
            offerBytes(1 << 20);
            MessageJournal.Entry big = journal.next();
            assertTrue(journal.delivered(big.seq()));
            largest = Math.max(largest, Files.size(file()));
        }
        assertEquals(2, journal.size());
        assertTrue("the dead records were rewritten away, largest " + largest, largest < 66L << 20);
        assertTrue("size now " + Files.size(file()), Files.size(file()) < 10L << 20);
        reopen(ROOMY);
        assertEquals("a message kept in memory only is not written by a rewrite either", 1, journal.size());
        assertEquals("keep#1", text(journal.next()));
        journal.requeueInflight();
        assertEquals(73, offer("after").seq());
        assertFalse(Arrays.asList(dir.toFile().list()).contains("journal.tmp"));
    }

    @Test
    public void acknowledgementsLostToACrashOnlyResendDeliveredMessages() throws IOException {
        for (int i = 0; i < 200; i++) {
            offer("m" + i);
        }
        List<MessageJournal.Entry> sent = journal.take(150);
        assertEquals(150, sent.size());
        for (MessageJournal.Entry entry : sent) {
            assertTrue(journal.delivered(entry.seq()));
        }
        // a crash: the file is read again without close(), so acknowledgements still in memory are gone
        MessageJournal afterCrash = MessageJournal.open(dir, ROOMY);
        try {
            int survivors = afterCrash.size();
            assertTrue("all 50 undelivered must survive, got " + survivors, survivors >= 50);
            assertTrue("at most one batch of delivered messages may come back, got " + (survivors - 50), survivors - 50 < 64);
            List<MessageJournal.Entry> replay = afterCrash.take(1000);
            assertEquals(201 - survivors, replay.get(0).seq()); // the oldest unacknowledged first, then in order
            assertEquals(200, replay.get(replay.size() - 1).seq());
        } finally {
            afterCrash.close();
        }
    }

    @Test
    public void closeWritesPendingAcknowledgements() throws IOException {
        for (int i = 0; i < 10; i++) {
            offer("m" + i);
        }
        for (MessageJournal.Entry entry : journal.take(5)) {
            journal.delivered(entry.seq());
        }
        reopen(ROOMY);
        assertEquals(5, journal.size());
        assertEquals(6, journal.take(1).get(0).seq());
    }

    @Test
    public void qos0IsKeptInMemoryOnlyAndItsSeqsAreNeverReused() throws IOException {
        journal.offer("t/a", 1, true, false, seq -> ("one#" + seq).getBytes(StandardCharsets.UTF_8), MAX_PAYLOAD, 1);
        for (int i = 0; i < 10; i++) {
            assertEquals(PublishResult.QUEUED, journal.offer("t/zero", 0, false, false, seq -> new byte[10], MAX_PAYLOAD, 1).result());
        }
        assertEquals(11, journal.size());
        long fileAfterQos0 = Files.size(dir.resolve("journal"));
        for (int i = 0; i < 100; i++) {
            journal.offer("t/zero", 0, false, false, seq -> new byte[500], MAX_PAYLOAD, 1);
        }
        assertEquals("QoS 0 payloads are not written", fileAfterQos0, Files.size(dir.resolve("journal")));

        // a crash: QoS 0 messages are gone (at most once), the QoS 1 one survives, and seq jumps past every used one
        MessageJournal afterCrash = MessageJournal.open(dir, ROOMY);
        try {
            assertEquals(1, afterCrash.size());
            assertTrue("seq after a crash must not reuse 2..111, was " + afterCrash.nextSeq(), afterCrash.nextSeq() > 111);
        } finally {
            afterCrash.close();
        }

        // an orderly close records the exact next seq: no gap
        long next = journal.nextSeq();
        reopen(ROOMY);
        assertEquals(next, journal.nextSeq());
        assertEquals(1, journal.size());
    }
}
