package io.flowmqtt.operator.api.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code .cfg} files of configurations made or changed through the API, in FileInstall's watched folder
 * ({@code felix.fileinstall.dir}, the runtime's {@code conf/}), in FileInstall's format (Java properties,
 * non-ASCII as {@code \\uXXXX}). This bundle writes them itself because the runtime turns FileInstall's own
 * write-back off ({@code felix.fileinstall.enableConfigSave=false}): it wrote a configuration back to its file
 * when the configuration changed, and so put back an older value over an edit made in the same moment (two edits
 * of a file within a few hundred milliseconds lost the second one). The files are readable by the runtime's
 * user only: they may hold a broker password.
 */
final class ConfFiles {
    private final Path dir;

    /** @param dir the watched folder, or {@code null} when FileInstall watches none (configurations only) */
    ConfFiles(Path dir) {
        this.dir = dir == null ? null : dir.toAbsolutePath().normalize();
    }

    boolean enabled() {
        return dir != null;
    }

    /** {@code <dir>/<factoryPid>-<instance>.cfg}, the name FileInstall maps to that factory configuration. */
    Path file(String factoryPid, String instance) {
        return dir.resolve(factoryPid + "-" + instance + ".cfg");
    }

    /** The value FileInstall puts into {@code felix.fileinstall.filename} for {@code file}. */
    static String url(Path file) {
        return file.toFile().getAbsoluteFile().toURI().toString();
    }

    /** Writes a new file atomically (never over an existing one); returns its {@link #url}. */
    String create(String factoryPid, String instance, Map<String, String> values) throws IOException {
        Path target = file(factoryPid, instance);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        write(target, values);
        return url(target);
    }

    /**
     * Replaces the file named by a {@code felix.fileinstall.filename} value with {@code values}, atomically, if it
     * is one of this folder's; returns whether it did. FileInstall reads it at its next poll and finds the
     * configuration already equal to it, so it updates nothing.
     */
    boolean replace(Object fileUrl, Map<String, String> values) throws IOException {
        Path file = ours(fileUrl);
        if (file == null) {
            return false;
        }
        write(file, leadingComment(file), values);
        return true;
    }

    /** The comment lines a file begins with (an operator's note above the properties), or {@code null}. */
    private static String leadingComment(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        StringBuilder comment = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#") && !t.startsWith("!")) {
                break;
            }
            comment.append(line).append('\n');
        }
        return comment.length() == 0 ? null : comment.toString();
    }

    private void write(Path target, Map<String, String> values) throws IOException {
        write(target, null, values);
    }

    private void write(Path target, String comment, Map<String, String> values) throws IOException {
        // FileInstall's filter takes *.cfg only: the temporary name is not picked up half written
        Path temp = dir.resolve("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temp);
        }
        Files.writeString(temp, format(comment, values), StandardCharsets.ISO_8859_1);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes the file named by a {@code felix.fileinstall.filename} value, if it is one of this folder's. */
    void delete(Object fileUrl) throws IOException {
        Path file = ours(fileUrl);
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    /** The file a {@code felix.fileinstall.filename} value names, if it is in this folder; else {@code null}. */
    private Path ours(Object fileUrl) {
        if (dir == null || fileUrl == null) {
            return null;
        }
        try {
            Path file = Path.of(URI.create(fileUrl.toString())).toAbsolutePath().normalize();
            return dir.equals(file.getParent()) ? file : null;
        } catch (IllegalArgumentException | FileSystemNotFoundException notAFile) {
            return null;
        }
    }

    /** The file's text: a header and one {@code key = value} line per property, sorted. */
    static String format(Map<String, String> values) {
        return format(null, values);
    }

    /** As {@link #format(Map)}, under {@code comment} (whole lines) instead of the header when there is one. */
    static String format(String comment, Map<String, String> values) {
        StringBuilder text = comment != null ? new StringBuilder(comment) : new StringBuilder("# Written by the operator API (")
                .append(Instant.now()).append("). Edit this file or use the API: the last write wins.\n");
        new TreeMap<>(values).forEach((key, value) -> text.append(escape(key, true)).append(" = ")
                .append(escape(value, false)).append('\n'));
        return text.toString();
    }

    /**
     * Escapes as FileInstall's properties reader unescapes: backslash, quotes and control characters as
     * Java escapes, everything outside printable ASCII as {@code \\uXXXX}; in a key also the separators, and
     * a value's leading blank (which the reader would take for the separator's).
     */
    static String escape(String text, boolean key) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case '\b' -> out.append("\\b");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else if (c == ' ' && (key || i == 0) || key && (c == '=' || c == ':' || c == '#' || c == '!')) {
                        out.append('\\').append(c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
