package io.flowmqtt.transport.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * The journal's file: appends frames so that a failed write leaves no part of a record behind, opens
 * the file again when a write failed (it may have been closed under us) and tries once more, and swaps
 * in a rewritten copy atomically, keeping the old file when the copy cannot be written.
 *
 * <p>Invariant: bytes are only appended to a file that ends at {@link #end}, the end of the last record
 * written whole. A failed write is cut off before anything else is written.
 */
final class JournalFile implements Closeable {
    private static final int REWRITE_BUFFER = 256 * 1024;

    private final Path path;
    private final JournalIo io;
    private JournalIo.Handle handle; // null after a failure or a rewrite: opened again on the next write
    private long end;
    private boolean atEnd;           // the handle's position is end
    private volatile String failure; // read without the journal's lock, after every delivery

    /** Opens {@code path} and cuts everything after {@code validEnd} (a torn last record) off. */
    JournalFile(Path path, JournalIo io, long validEnd) throws IOException {
        this.path = path;
        this.io = io;
        this.end = validEnd;
        handle();
        try {
            io.delete(tmp()); // left by a crash during a rewrite: the journal it was to replace is still whole
        } catch (IOException e) {
            // harmless where it is: the next rewrite starts it anew
        }
    }

    Path path() {
        return path;
    }

    /** Where the records written whole end: the file's size. */
    long size() {
        return end;
    }

    /** {@code null} when the last write worked, else a sentence naming the file and the cause. */
    String failure() {
        return failure;
    }

    /** Appends {@code frames} whole, or throws having cut any part of them off again. */
    void append(byte[] frames) throws IOException {
        IOException first = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                JournalIo.Handle h = handle();
                if (!atEnd) {
                    h.seek(end);
                }
                atEnd = false;
                h.write(frames, 0, frames.length);
                end += frames.length;
                atEnd = true;
                failure = null;
                return;
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else if (first != e) {
                    first.addSuppressed(e);
                }
                drop(); // the next attempt opens the file again and cuts it back to end
            }
        }
        try {
            handle(); // cut the failed part off now, so that not even a crash leaves it there
        } catch (IOException e) {
            first.addSuppressed(e);
        }
        throw failed("write failed", first);
    }

    /**
     * Replaces the file with the frames of {@code frames}, written to {@code <file>.tmp} and renamed over the
     * file; {@code durable}: the copy is forced to the device first, and the rename after it. When that fails,
     * the tmp file goes and the old file stays in use.
     */
    void rewrite(Iterator<byte[]> frames, boolean durable) throws IOException {
        Path tmp = tmp();
        long written = 0;
        try (JournalIo.Handle out = io.open(tmp)) {
            out.truncate(0); // a tmp file left by a crash holds nothing we want
            byte[] buffer = new byte[REWRITE_BUFFER];
            int filled = 0;
            while (frames.hasNext()) {
                byte[] frame = frames.next();
                if (filled + frame.length > buffer.length) {
                    out.write(buffer, 0, filled);
                    filled = 0;
                }
                if (frame.length > buffer.length) {
                    out.write(frame, 0, frame.length);
                } else {
                    System.arraycopy(frame, 0, buffer, filled, frame.length);
                    filled += frame.length;
                }
                written += frame.length;
            }
            out.write(buffer, 0, filled);
            if (durable) {
                out.sync(); // the copy is on the device before it takes the place of the old file
            }
        } catch (IOException e) {
            deleteTmp(tmp, e);
            throw failed("rewrite failed, appending to the old file instead", e);
        }
        try {
            io.replace(tmp, path);
        } catch (IOException e) {
            deleteTmp(tmp, e);
            throw failed("rewrite failed, appending to the old file instead", e);
        }
        if (durable) {
            io.syncDirectory(path.getParent());
        }
        drop(); // the old handle refers to the replaced file
        end = written;
        failure = null;
    }

    @Override
    public void close() throws IOException {
        JournalIo.Handle h = handle;
        handle = null;
        if (h != null) {
            h.close();
        }
    }

    private Path tmp() {
        return path.resolveSibling(path.getFileName() + ".tmp");
    }

    /** The open file, cut back to {@link #end}. */
    private JournalIo.Handle handle() throws IOException {
        if (handle == null) {
            JournalIo.Handle h = io.open(path);
            try {
                if (h.length() > end) {
                    h.truncate(end);
                }
                h.seek(end);
            } catch (IOException e) {
                closeQuietly(h, e);
                throw e;
            }
            handle = h;
            atEnd = true;
        }
        return handle;
    }

    private void drop() {
        JournalIo.Handle h = handle;
        handle = null;
        atEnd = false;
        if (h != null) {
            closeQuietly(h, null);
        }
    }

    private IOException failed(String what, IOException cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        failure = "journal " + path + ": " + what + ": " + reason;
        return new IOException(failure, cause);
    }

    private void deleteTmp(Path tmp, IOException cause) {
        try {
            io.delete(tmp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static void closeQuietly(JournalIo.Handle h, IOException cause) {
        try {
            h.close();
        } catch (IOException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }
}
