package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.PublishResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/**
 * A journal on a file system that really fills up: a 256 KiB tmpfs. Needs the permission to mount
 * (root on Linux); where that is missing the test is skipped, and {@link JournalFailureTest} shows the
 * same with failures injected instead.
 */
public class JournalDiskFullTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static final QueueLimits ROOMY = new QueueLimits(100_000, 64L << 20, QueueLimits.DropPolicy.OLDEST);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();
    private Path mount;
    private boolean mounted;
    private MessageJournal journal;

    @Before
    public void mountSmallTmpfs() throws Exception {
        mount = tmp.newFolder("small").toPath();
        String output;
        int rc;
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount.toString())
                    .redirectErrorStream(true).start();
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            rc = p.waitFor();
        } catch (IOException e) {
            output = e.toString();
            rc = -1;
        }
        Assume.assumeTrue("cannot mount a tmpfs here (" + output + ")", rc == 0);
        mounted = true;
    }

    @After
    public void unmount() throws Exception {
        try {
            if (journal != null) {
                journal.close();
            }
        } finally {
            if (mounted && run("umount", mount.toString()) != 0) {
                run("umount", "-l", mount.toString()); // detach at least, so the temporary folder can go
            }
        }
    }

    private static int run(String... command) throws Exception {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }

    private MessageJournal.Offer offer() throws IOException {
        return journal.offer("t/x", 1, true, false, seq -> new byte[2000], 1 << 20, 1);
    }

    @Test
    public void offersFailClearlyWhenFullLoseNothingAndWorkAgainWhenThereIsRoom() throws Exception {
        Path filler = mount.resolve("filler");
        Files.write(filler, new byte[64 * 1024]);
        Path dir = mount.resolve("q");
        journal = MessageJournal.open(dir, ROOMY);

        List<Long> accepted = new ArrayList<>();
        IOException refused = null;
        for (int i = 0; i < 500 && refused == null; i++) {
            try {
                accepted.add(offer().seq());
            } catch (IOException e) {
                refused = e;
            }
        }
        assertNotNull("the tmpfs never filled up", refused);
        assertTrue("some fit first: " + accepted.size(), accepted.size() > 50);
        JournalFailureTest.assertFullDisk(refused, dir.resolve("journal"));
        assertEquals(refused.getMessage(), journal.failure());
        try {
            offer();
            throw new AssertionError("accepted on a full disk");
        } catch (IOException again) {
            JournalFailureTest.assertFullDisk(again, dir.resolve("journal"));
        }

        journal.close();
        journal = MessageJournal.open(dir, ROOMY);
        assertEquals("no part of a refused record was left behind", List.of(), journal.replayWarnings());
        assertEquals("every accepted message, and only those", accepted, seqs());

        Files.delete(filler); // room again
        MessageJournal.Offer after = offer();
        assertEquals(PublishResult.QUEUED, after.result());
        assertNull(journal.failure());
        assertEquals(accepted.get(accepted.size() - 1) + 1, after.seq());
        accepted.add(after.seq());
        journal.close();
        journal = MessageJournal.open(dir, ROOMY);
        assertEquals(List.of(), journal.replayWarnings());
        assertEquals(accepted, seqs());
    }

    private List<Long> seqs() {
        List<Long> seqs = new ArrayList<>();
        for (MessageJournal.Entry e : journal.take(100_000)) {
            seqs.add(e.seq());
        }
        journal.requeueInflight();
        return seqs;
    }
}
