package io.flowmqtt.transport.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The file operations the journal uses, in one place: so that they are all of a kind that an
 * interrupted thread cannot break (see {@link RandomAccessIo}), and so that tests can make them fail
 * the way a full disk does without needing one.
 */
interface JournalIo {
    /** The implementation for real files. */
    JournalIo FILES = new RandomAccessIo();

    /** Opens {@code file} for reading and writing, creating it when it is missing. */
    Handle open(Path file) throws IOException;

    /** Puts {@code source} in the place of {@code target} in one step: a reader sees one or the other. */
    void replace(Path source, Path target) throws IOException;

    /** Makes a rename in {@code dir} survive a power cut where the platform can; never fails. */
    void syncDirectory(Path dir);

    /** Deletes {@code file} if it exists. */
    void delete(Path file) throws IOException;

    /** An open file with a position, as {@link java.io.RandomAccessFile} has it. */
    interface Handle extends Closeable {
        long length() throws IOException;

        void seek(long position) throws IOException;

        /** Reads up to {@code length} bytes at the position; -1 at the end of the file. */
        int read(byte[] into, int offset, int length) throws IOException;

        /** Writes all {@code length} bytes at the position, or throws (having written any part of them). */
        void write(byte[] from, int offset, int length) throws IOException;

        void truncate(long length) throws IOException;

        /** Forces what was written to the device. */
        void sync() throws IOException;
    }
}
