package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.PublishResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/**
 * A publisher's thread may be interrupted (a framework cancelling a task) while it is inside the journal.
 * That must neither break the journal for everybody (a FileChannel is closed by an interrupt) nor swallow
 * the caller's interrupt.
 */
public class JournalInterruptTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static final QueueLimits ROOMY = new QueueLimits(100_000, 64L << 20, QueueLimits.DropPolicy.OLDEST);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    @After
    public void clearFlag() {
        Thread.interrupted(); // never leave it to the next test
    }

    private static MessageJournal.Offer offer(MessageJournal journal, int size) throws Exception {
        return journal.offer("t/x", 1, true, false, seq -> new byte[size], 1 << 20, 1);
    }

    private static List<Long> waitingSeqs(MessageJournal journal) {
        List<Long> seqs = new ArrayList<>();
        for (MessageJournal.Entry e : journal.take(Integer.MAX_VALUE)) {
            seqs.add(e.seq());
        }
        journal.requeueInflight();
        return seqs;
    }

    @Test
    public void anInterruptedThreadCanOfferDeliverRewriteAndCloseAndKeepsItsFlag() throws Exception {
        Path dir = tmp.getRoot().toPath().resolve("q");
        Thread.currentThread().interrupt();
        MessageJournal journal = MessageJournal.open(dir, ROOMY);
        for (int i = 0; i < 1100; i++) {
            assertEquals("offer " + i, PublishResult.QUEUED, offer(journal, 1000).result());
        }
        assertNull(journal.failure());
        // delivering all of them empties a journal of over 1 MiB: it is replaced by a fresh one, which
        // includes forcing the directory through a channel, the one interruptible call there is
        for (MessageJournal.Entry e : journal.take(2000)) {
            assertTrue(journal.delivered(e.seq()));
        }
        assertTrue("the emptied journal was replaced, size " + Files.size(dir.resolve("journal")),
                Files.size(dir.resolve("journal")) < 100);
        for (int i = 0; i < 10; i++) {
            offer(journal, 10);
        }
        journal.close();
        assertTrue("the caller's interrupt is still set", Thread.interrupted());

        MessageJournal reopened = MessageJournal.open(dir, ROOMY);
        try {
            List<Long> expected = new ArrayList<>();
            for (long seq = 1101; seq <= 1110; seq++) {
                expected.add(seq);
            }
            assertEquals(expected, waitingSeqs(reopened));
            assertFalse("an orderly close leaves no tmp file", Files.exists(dir.resolve("journal.tmp")));
            assertTrue(reopened.replayWarnings().isEmpty());
        } finally {
            reopened.close();
        }
    }

    @Test
    public void interruptsArrivingWhileWritingLoseNothing() throws Exception {
        Path dir = tmp.getRoot().toPath().resolve("q");
        MessageJournal journal = MessageJournal.open(dir, ROOMY);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        List<Long> undelivered = new ArrayList<>();
        Thread writer = new Thread(() -> {
            try {
                for (int round = 0; round < 30; round++) {
                    for (int i = 0; i < 100; i++) {
                        Thread.interrupted(); // cleared each time, so that the next interrupt can land inside a write
                        MessageJournal.Offer offer = offer(journal, 500);
                        if (offer.result() != PublishResult.QUEUED) {
                            throw new AssertionError("offer " + offer.seq() + ": " + offer.result());
                        }
                    }
                    List<MessageJournal.Entry> sent = journal.take(1000);
                    for (MessageJournal.Entry e : sent.subList(0, sent.size() - 1)) {
                        journal.delivered(e.seq());
                    }
                    undelivered.add(sent.get(sent.size() - 1).seq()); // one per round stays in flight
                }
            } catch (Throwable e) {
                failed.set(e);
            } finally {
                done.set(true);
            }
        });
        Thread interrupter = new Thread(() -> {
            while (!done.get()) {
                writer.interrupt();
                Thread.yield();
            }
        });
        writer.start();
        interrupter.start();
        writer.join();
        interrupter.join();
        if (failed.get() != null) {
            throw new AssertionError("the journal failed under interrupts", failed.get());
        }
        assertNull(journal.failure());
        journal.close();

        MessageJournal reopened = MessageJournal.open(dir, ROOMY);
        try {
            assertEquals(undelivered, waitingSeqs(reopened));
            assertEquals(3001, reopened.nextSeq());
            assertFalse(Files.exists(dir.resolve("journal.tmp")));
        } finally {
            reopened.close();
        }
    }
}
