package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

public class DeadLettersTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static final QueueLimits ROOMY = new QueueLimits(1000, 1 << 20, QueueLimits.DropPolicy.OLDEST);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    @After
    public void clearFlag() {
        Thread.interrupted();
    }

    private Path dir() throws IOException {
        Path dir = tmp.getRoot().toPath().resolve("q");
        Files.createDirectories(dir);
        return dir;
    }

    private static MessageJournal.Entry entry(long seq, byte[] payload) {
        return new MessageJournal.Entry(seq, 1000 + seq, "a/b", true, -1, true, payload, true);
    }

    private static List<JsonObject> lines(Path file) throws IOException {
        List<JsonObject> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(JsonParser.parseString(line).getAsJsonObject());
        }
        return out;
    }

    @Test
    public void eachParkedMessageIsOneJsonLineWithTextOrBase64Payload() throws Exception {
        DeadLetters letters = DeadLetters.open(dir());
        assertEquals(0, letters.count());
        assertEquals(dir().resolve("dead-letters.jsonl"), letters.file());
        letters.park(entry(7, "{\"v\":\"ü <&>\"}\nnext".getBytes(StandardCharsets.UTF_8)), "root/dev/a/b", 1, "refused by the broker", 5000);
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1};
        letters.park(entry(8, binary), "root/dev/a/b", 2, "too large", 6000);
        assertEquals(2, letters.count());

        List<JsonObject> lines = lines(letters.file());
        assertEquals(2, lines.size());
        JsonObject first = lines.get(0);
        assertEquals(5000, first.get("parked_at").getAsLong());
        assertEquals(7, first.get("seq").getAsLong());
        assertEquals("root/dev/a/b", first.get("topic").getAsString());
        assertEquals(1, first.get("qos").getAsInt());
        assertTrue(first.get("retain").getAsBoolean());
        assertEquals("refused by the broker", first.get("reason").getAsString());
        assertEquals(1007, first.get("enqueued_at").getAsLong());
        assertEquals("{\"v\":\"ü <&>\"}\nnext", first.get("payload").getAsString());
        assertFalse(first.has("payload_base64"));
        JsonObject second = lines.get(1);
        assertFalse("not valid UTF-8", second.has("payload"));
        assertEquals(Base64.getEncoder().encodeToString(binary), second.get("payload_base64").getAsString());

        assertEquals("counted from the file", 2, DeadLetters.open(dir()).count());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(letters.file())));
    }

    @Test
    public void aFileMadeWithWiderPermissionsIsMadeOwnerOnly() throws Exception {
        Path file = dir().resolve("dead-letters.jsonl");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        DeadLetters.open(dir()).park(entry(1, new byte[] {'x'}), "t", 0, "r", 1);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    public void aLineCutShortByACrashIsNotGluedToTheNextOne() throws Exception {
        Path file = dir().resolve("dead-letters.jsonl");
        Files.write(file, "{\"seq\":1}\n{\"seq\":2,\"top".getBytes(StandardCharsets.UTF_8));
        DeadLetters letters = DeadLetters.open(dir());
        assertEquals(1, letters.count());
        letters.park(entry(3, new byte[] {'x'}), "t", 0, "r", 1);
        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size());
        assertEquals(3, JsonParser.parseString(lines.get(2)).getAsJsonObject().get("seq").getAsLong());
        assertEquals(2, letters.count());
    }

    @Test
    public void theFileStopsGrowingAtItsBound() throws Exception {
        Path file = dir().resolve("dead-letters.jsonl");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(DeadLetters.MAX_BYTES - 100);
            f.seek(DeadLetters.MAX_BYTES - 101);
            f.write('\n');
        }
        DeadLetters letters = DeadLetters.open(dir());
        long count = letters.count();
        try {
            letters.park(entry(9, new byte[200]), "t", 1, "refused", 1);
            throw new AssertionError("the file grew past its bound");
        } catch (IOException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains(file + " is full (16 MiB"));
            assertTrue(expected.getMessage(), expected.getMessage().contains("seq 9 not parked"));
        }
        assertEquals(DeadLetters.MAX_BYTES - 100, Files.size(file));
        assertEquals(count, letters.count());
    }

    @Test
    public void parkedBeforeRemovedSoACrashInBetweenDuplicatesAndNeverLoses() throws Exception {
        MessageJournal journal = MessageJournal.open(dir(), ROOMY);
        DeadLetters letters = DeadLetters.open(dir());
        for (int i = 0; i < 3; i++) {
            journal.offer("a/b", 1, true, false, seq -> ("m" + seq).getBytes(StandardCharsets.UTF_8), 100, 1);
        }
        Thread.currentThread().interrupt(); // parking works on an interrupted thread too
        MessageJournal.Entry poisoned = journal.find(2);
        letters.park(poisoned, "root/a/b", 1, "the broker closed the connection", 99);
        // a crash here: the message is in both places, a duplicate at worst
        MessageJournal crashed = MessageJournal.open(dir(), ROOMY);
        assertEquals(3, crashed.size());
        crashed.close();
        assertEquals(2, journal.remove(2).seq());
        assertTrue(Thread.interrupted());
        journal.close();

        MessageJournal reopened = MessageJournal.open(dir(), ROOMY);
        try {
            List<Long> seqs = new ArrayList<>();
            for (MessageJournal.Entry e : reopened.take(10)) {
                seqs.add(e.seq());
            }
            assertEquals(List.of(1L, 3L), seqs);
        } finally {
            reopened.close();
        }
        List<JsonObject> lines = lines(letters.file());
        assertEquals(1, lines.size());
        assertEquals("m2", lines.get(0).get("payload").getAsString());
    }
}
