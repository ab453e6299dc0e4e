package io.flowmqtt.transport.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Set;

/**
 * Messages given up for good, kept in {@code <queueDir>/dead-letters.jsonl}, one JSON object a line,
 * for someone to look at or send again by hand. A message is parked before the journal lets it go, so a
 * crash in between can make it appear twice, never vanish. Payloads are messages of the customer's
 * devices: the file is readable by its owner only.
 *
 * <p>Written through {@link FileOutputStream}, which an interrupted thread cannot break.
 */
final class DeadLetters {
    /** The file stops growing here: a broker refusing everything must not fill the disk the queue needs. */
    static final long MAX_BYTES = 16L << 20;
    static final String FILE_NAME = "dead-letters.jsonl";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private final Path file;
    private long bytes;
    private long count;
    private boolean endsMidLine; // a crash cut the last line short: the next one must not be glued to it

    private DeadLetters(Path file) {
        this.file = file;
    }

    /** Opens the dead letters of the queue in {@code queueDir}, counting those already there. */
    static DeadLetters open(Path queueDir) throws IOException {
        DeadLetters letters = new DeadLetters(queueDir.resolve(FILE_NAME));
        if (Files.exists(letters.file)) {
            letters.scan();
        }
        return letters;
    }

    Path file() {
        return file;
    }

    /** How many messages the file holds. */
    synchronized long count() {
        return count;
    }

    /**
     * Appends one line for {@code entry} and forces it to the device (a message parked here is about to be
     * taken out of the journal). Throws, having written nothing, when the file is full or cannot be written.
     *
     * @param resolvedTopic the full topic it was sent to
     * @param qos           the QoS it was sent with
     * @param reason        why it was given up, in words
     */
    synchronized void park(MessageJournal.Entry entry, String resolvedTopic, int qos, String reason, long now)
            throws IOException {
        byte[] line = ((endsMidLine ? "\n" : "") + GSON.toJson(json(entry, resolvedTopic, qos, reason, now)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        if (bytes + line.length > MAX_BYTES) {
            throw new IOException("dead-letter file " + file + " is full (" + MAX_BYTES / (1 << 20) + " MiB, " + count
                    + " messages): seq " + entry.seq() + " not parked; move the file away to make room");
        }
        createOwnerOnly();
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
            out.write(line);
            out.getFD().sync();
        } catch (IOException e) {
            cutBack(e); // a part of a line would be glued to the next one
            throw new IOException("dead-letter file " + file + ": seq " + entry.seq() + " not parked: " + e.getMessage(), e);
        }
        bytes += line.length;
        count++;
        endsMidLine = false;
    }

    private static JsonObject json(MessageJournal.Entry entry, String topic, int qos, String reason, long now) {
        JsonObject o = new JsonObject();
        o.addProperty("parked_at", now);
        o.addProperty("seq", entry.seq());
        o.addProperty("topic", topic);
        o.addProperty("qos", qos);
        o.addProperty("retain", entry.retain());
        o.addProperty("reason", reason);
        o.addProperty("enqueued_at", entry.enqueuedAt());
        String text = utf8(entry.payload());
        if (text != null) {
            o.addProperty("payload", text);
        } else {
            o.addProperty("payload_base64", Base64.getEncoder().encodeToString(entry.payload()));
        }
        return o;
    }

    /** The payload as text if it is valid UTF-8 (JSON, as devices mostly send), else {@code null}. */
    private static String utf8(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Counts the lines already there, reading a block at a time. */
    private void scan() throws IOException {
        byte[] block = new byte[64 * 1024];
        int last = '\n';
        try (InputStream in = new FileInputStream(file.toFile())) {
            for (int n; (n = in.read(block)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (block[i] == '\n') {
                        count++;
                    }
                }
                bytes += n;
                last = block[n - 1];
            }
        }
        endsMidLine = last != '\n';
    }

    private void cutBack(IOException cause) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            if (f.length() > bytes) {
                f.setLength(bytes);
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
            endsMidLine = true; // at worst an empty line before the next one
        }
    }

    private void createOwnerOnly() throws IOException {
        boolean posix = Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) != null;
        if (Files.exists(file)) {
            if (posix) {
                Files.setPosixFilePermissions(file, OWNER_ONLY); // also for a file made by hand or an older version
            }
            return;
        }
        try {
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            // made meanwhile: fine, appended to below
        }
    }
}
