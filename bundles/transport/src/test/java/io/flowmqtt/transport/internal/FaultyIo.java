package io.flowmqtt.transport.internal;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Journal I/O over real files that fails like a real system can: a disk with little room left (a write
 * that does not fit writes what fits, then throws, as write(2) does), a file closed under the writer, a
 * rename that fails. Room is counted over every file written through it.
 */
final class FaultyIo implements JournalIo {
    static final String NO_SPACE = "No space left on device";

    private final JournalIo real = JournalIo.FILES;
    private long free = Long.MAX_VALUE;
    private int closedWrites;
    private String failWritesTo; // a file name whose writes fail, or null
    private boolean failReplace;
    final List<Path> opened = new ArrayList<>();
    final List<Path> synced = new ArrayList<>();

    /** From now on, files may grow by this many bytes together. */
    synchronized void free(long bytes) {
        free = bytes;
    }

    /** The next {@code n} writes fail as on a channel closed under the writer. */
    synchronized void closeUnderWriter(int n) {
        closedWrites = n;
    }

    /** Writes to files of this name fail, as on a full disk. */
    synchronized void failWritesTo(String fileName) {
        failWritesTo = fileName;
    }

    synchronized void failReplace(boolean fail) {
        failReplace = fail;
    }

    @Override
    public synchronized Handle open(Path file) throws IOException {
        opened.add(file);
        return new FaultyHandle(file, real.open(file));
    }

    @Override
    public synchronized void replace(Path source, Path target) throws IOException {
        if (failReplace) {
            throw new IOException("Operation not permitted");
        }
        long replaced = Files.exists(target) ? Files.size(target) : 0;
        real.replace(source, target);
        grow(-replaced);
    }

    @Override
    public synchronized void syncDirectory(Path dir) {
        synced.add(dir);
        real.syncDirectory(dir);
    }

    @Override
    public synchronized void delete(Path file) throws IOException {
        long size = Files.exists(file) ? Files.size(file) : 0;
        real.delete(file);
        grow(-size);
    }

    private void grow(long bytes) {
        if (free != Long.MAX_VALUE) {
            free -= bytes;
        }
    }

    private final class FaultyHandle implements Handle {
        private final Path file;
        private final Handle handle;
        private long position;

        FaultyHandle(Path file, Handle handle) {
            this.file = file;
            this.handle = handle;
        }

        @Override
        public long length() throws IOException {
            return handle.length();
        }

        @Override
        public void seek(long pos) throws IOException {
            handle.seek(pos);
            position = pos;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            int n = handle.read(into, offset, length);
            position += Math.max(n, 0);
            return n;
        }

        @Override
        public void write(byte[] from, int offset, int length) throws IOException {
            synchronized (FaultyIo.this) {
                if (closedWrites > 0) {
                    closedWrites--;
                    throw new ClosedChannelException();
                }
                if (file.getFileName().toString().equals(failWritesTo)) {
                    handle.write(from, offset, length / 2); // half of it got out
                    position += length / 2;
                    throw new IOException(NO_SPACE);
                }
                long growth = Math.max(0, position + length - handle.length());
                int fits = growth <= free ? length : (int) Math.max(0, length - (growth - free));
                long before = handle.length();
                handle.write(from, offset, fits);
                position += fits;
                grow(handle.length() - before);
                if (fits < length) {
                    throw new IOException(NO_SPACE);
                }
            }
        }

        @Override
        public void truncate(long length) throws IOException {
            synchronized (FaultyIo.this) {
                long before = handle.length();
                handle.truncate(length);
                grow(handle.length() - before);
                position = Math.min(position, length);
            }
        }

        @Override
        public void sync() throws IOException {
            synchronized (FaultyIo.this) {
                synced.add(file);
            }
            handle.sync();
        }

        @Override
        public void close() throws IOException {
            handle.close();
        }
    }
}
