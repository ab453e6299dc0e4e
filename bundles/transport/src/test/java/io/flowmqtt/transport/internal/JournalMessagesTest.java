package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/** What a queued message keeps (sub-topic, requested QoS, persisted or not), its bounds, and taking one out for good. */
public class JournalMessagesTest extends JournalTestBase {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static String text(MessageJournal.Entry e) {
        return new String(e.payload(), StandardCharsets.UTF_8);
    }

    @Test
    public void aSubTopicAndTheRequestedQosAreKeptAsGiven() throws Exception {
        journal.offer("sensors/a", -1, true, false, seq -> new byte[] {1}, MAX_PAYLOAD, 5);
        journal.offer("sensors/b", 0, false, true, seq -> new byte[] {2}, MAX_PAYLOAD, 6);
        MessageJournal.Entry a = journal.find(1);
        assertEquals("sensors/a", a.topic());
        assertTrue(a.relative());
        assertEquals("-1: the interface's QoS, decided when it is sent", -1, a.qos());
        assertTrue(a.persisted());
        MessageJournal.Entry b = journal.find(2);
        assertEquals(0, b.qos());
        assertTrue(b.retain());
        assertFalse("kept in memory only", b.persisted());
        reopen(ROOMY);
        assertEquals("only the persisted one survives", 1, journal.size());
        MessageJournal.Entry replayed = journal.next();
        assertEquals("sensors/a", replayed.topic());
        assertTrue(replayed.relative());
        assertEquals(-1, replayed.qos());
        assertFalse(replayed.retain());
        assertEquals(5, replayed.enqueuedAt());
    }

    @Test
    public void aQosOutsideMinusOneToTwoIsRefused() throws Exception {
        for (int qos : new int[] {-2, 3}) {
            try {
                journal.offer("t", qos, true, false, seq -> new byte[1], MAX_PAYLOAD, 1);
                throw new AssertionError("qos " + qos + " accepted");
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().contains("was " + qos));
            }
        }
        assertEquals(0, journal.size());
        assertEquals("no seq used", 1, offer("a").seq());
    }

    @Test
    public void topicsUpToMqttsLimitAreKeptWholeAndLongerOnesRefused() throws Exception {
        String longest = "x".repeat(65535);
        journal.offer(longest, 1, true, false, seq -> new byte[] {1}, MAX_PAYLOAD, 1);
        String tooLong = "ü".repeat(32768); // 65536 bytes in UTF-8, though only 32768 chars
        try {
            journal.offer(tooLong, 1, true, false, seq -> new byte[] {2}, MAX_PAYLOAD, 1);
            throw new AssertionError("a topic of 65536 bytes was accepted");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("65535"));
        }
        reopen(ROOMY);
        assertEquals(1, journal.size());
        assertEquals("the topic is not cut to what a short can say", longest, journal.next().topic());
        assertEquals("the refused one used no seq", 2, journal.nextSeq());
    }

    @Test
    public void removeTakesAWaitingOrInFlightMessageOutForGood() throws Exception {
        for (String s : new String[] {"a", "b", "c", "d"}) {
            offer(s);
        }
        journal.offer("t/mem", 0, false, false, seq -> new byte[] {9, 9}, MAX_PAYLOAD, 1);
        assertEquals(1, journal.next().seq());
        assertEquals(2, journal.next().seq());
        assertEquals(List.of(1L, 2L), journal.inflightSeqs());
        assertEquals("find leaves it queued", 3, journal.find(3).seq());
        assertEquals(5, journal.size());

        assertEquals("in flight", 2, journal.remove(2).seq());
        assertEquals("waiting", "c#3", text(journal.remove(3)));
        assertEquals("kept in memory only", 5, journal.remove(5).seq());
        assertNull("not queued (any more)", journal.remove(3));
        assertNull(journal.remove(42));
        assertNull(journal.find(3));
        assertEquals(List.of(1L), journal.inflightSeqs());
        assertEquals(2, journal.size());
        assertEquals(("a#1" + "d#4").length(), journal.bytes());
        assertFalse("a removed message cannot be delivered", journal.delivered(2));

        // a crash right after: the removals were written at once, not batched
        MessageJournal afterCrash = MessageJournal.open(dir, ROOMY);
        try {
            List<Long> seqs = new ArrayList<>();
            for (MessageJournal.Entry e : afterCrash.take(10)) {
                seqs.add(e.seq());
            }
            assertEquals(List.of(1L, 4L), seqs);
        } finally {
            afterCrash.close();
        }
    }

    @Test
    public void queueLimitsHaveUpperBounds() {
        new QueueLimits(QueueLimits.MAX_MESSAGES, QueueLimits.MAX_BYTES, QueueLimits.DropPolicy.OLDEST);
        assertEquals(10_000_000, QueueLimits.MAX_MESSAGES);
        assertEquals(1L << 30, QueueLimits.MAX_BYTES);
        refused(() -> new QueueLimits(QueueLimits.MAX_MESSAGES + 1, 1024, QueueLimits.DropPolicy.OLDEST), "queueMaxMessages");
        refused(() -> new QueueLimits(0, 1024, QueueLimits.DropPolicy.OLDEST), "queueMaxMessages");
        refused(() -> new QueueLimits(10, QueueLimits.MAX_BYTES + 1, QueueLimits.DropPolicy.OLDEST), "queueMaxBytes");
        refused(() -> new QueueLimits(10, 0, QueueLimits.DropPolicy.OLDEST), "queueMaxBytes");
    }

    private static void refused(Runnable make, String naming) {
        try {
            make.run();
            throw new AssertionError("accepted");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains(naming));
        }
    }

    @Test
    public void aClosedJournalRefusesNewMessages() throws Exception {
        offer("a");
        journal.close();
        try {
            offer("b");
            throw new AssertionError("accepted after close");
        } catch (IOException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("closed"));
        }
        journal.close(); // a second close does nothing
        journal = MessageJournal.open(dir, ROOMY);
        assertEquals(List.of(1L), waitingSeqs());
    }
}
