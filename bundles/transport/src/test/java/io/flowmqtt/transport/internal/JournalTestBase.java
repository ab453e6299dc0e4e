package io.flowmqtt.transport.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

/** A journal opened in a fresh folder for every test, closed after it, and what the journal tests do with it. */
abstract class JournalTestBase {
    static final QueueLimits ROOMY = new QueueLimits(1000, 1 << 20, QueueLimits.DropPolicy.OLDEST);
    static final int MAX_PAYLOAD = 16 << 20;

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();
    Path dir;
    MessageJournal journal;

    /** The limits the journal is opened with. */
    QueueLimits limits() {
        return ROOMY;
    }

    @Before
    public void open() throws IOException {
        dir = tmp.getRoot().toPath().resolve("q");
        journal = MessageJournal.open(dir, limits());
    }

    @After
    public void close() throws IOException {
        if (journal != null) {
            journal.close();
        }
    }

    void reopen(QueueLimits limits) throws IOException {
        journal.close();
        journal = MessageJournal.open(dir, limits);
    }

    Path file() {
        return dir.resolve("journal");
    }

    MessageJournal.Offer offer(String text) throws IOException {
        return journal.offer("t/" + text, 1, true, false, seq -> (text + "#" + seq).getBytes(StandardCharsets.UTF_8),
                MAX_PAYLOAD, 1000);
    }

    /** Takes everything waiting, in order, and puts it back (as a reconnect would). */
    List<Long> waitingSeqs() {
        List<Long> seqs = new ArrayList<>();
        MessageJournal.Entry e;
        while ((e = journal.next()) != null) {
            seqs.add(e.seq());
        }
        journal.requeueInflight();
        return seqs;
    }
}
