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
 * The {@code .cfg} files of configurations made through the API, in FileInstall's watched folder
 * ({@code felix.fileinstall.dir}, the runtime's {@code conf/}). FileInstall writes a changed configuration
 * back only to a file that exists, so a new configuration's file is written here, in FileInstall's format
 * (Java properties, non-ASCII as {@code \\uXXXX}); later changes FileInstall writes back itself.
 * New files are readable by the runtime's user only: they may hold a broker password.
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
        // FileInstall's filter takes *.cfg only: the temporary name is not picked up half written
        Path temp = dir.resolve("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temp);
        }
        Files.writeString(temp, format(values), StandardCharsets.ISO_8859_1);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        return url(target);
    }

    /** Deletes the file named by a {@code felix.fileinstall.filename} value, if it is one of this folder's. */
    void delete(Object fileUrl) throws IOException {
        if (dir == null || fileUrl == null) {
            return;
        }
        Path file;
        try {
            file = Path.of(URI.create(fileUrl.toString())).toAbsolutePath().normalize();
        } catch (IllegalArgumentException | FileSystemNotFoundException notAFile) {
            return;
        }
        if (dir.equals(file.getParent())) {
            Files.deleteIfExists(file);
        }
    }

    /** The file's text: a header and one {@code key = value} line per property, sorted. */
    static String format(Map<String, String> values) {
        StringBuilder text = new StringBuilder("# Made with the operator API (").append(Instant.now())
                .append("). FileInstall keeps this file and the configuration the same: edit either.\n");
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
