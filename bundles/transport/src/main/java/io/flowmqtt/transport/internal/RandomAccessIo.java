package io.flowmqtt.transport.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Journal I/O through {@link RandomAccessFile}'s own methods. Unlike a {@link FileChannel}, they are
 * not interruptible: a publisher whose thread has its interrupt flag set must not make Java close the
 * file under the whole interface (ClosedByInterruptException), and must keep its flag.
 */
final class RandomAccessIo implements JournalIo {
    @Override
    public Handle open(Path file) throws IOException {
        return new FileHandle(new RandomAccessFile(file.toFile(), "rw"));
    }

    @Override
    public void replace(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void syncDirectory(Path dir) {
        // Only a channel can force a directory, and a channel is interruptible: the flag is put aside
        // for this one call, and set again whether it was set before or arrives meanwhile.
        boolean interrupted = Thread.interrupted();
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // not every platform can open or force a directory (Windows cannot); the rename itself is done
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    private static final class FileHandle implements Handle {
        private final RandomAccessFile file;

        FileHandle(RandomAccessFile file) {
            this.file = file;
        }

        @Override
        public long length() throws IOException {
            return file.length();
        }

        @Override
        public void seek(long position) throws IOException {
            file.seek(position);
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            return file.read(into, offset, length);
        }

        @Override
        public void write(byte[] from, int offset, int length) throws IOException {
            file.write(from, offset, length);
        }

        @Override
        public void truncate(long length) throws IOException {
            file.setLength(length);
        }

        @Override
        public void sync() throws IOException {
            file.getFD().sync();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
