package io.flowmqtt.testing.mosquitto;

import java.io.File;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the broker programs the tests start. Debian installs {@code mosquitto} and {@code nats-server} in
 * {@code /usr/sbin}, which is not on an ordinary user's {@code PATH}: the lookup tries the {@code PATH} first,
 * then the sbin folders, so a plain {@code mvn -B verify} finds them without changing the environment.
 */
public final class Executables {
    /** Where system packages put daemons; searched after the {@code PATH}. */
    static final List<Path> SBIN = List.of(Path.of("/usr/sbin"), Path.of("/usr/local/sbin"), Path.of("/sbin"));

    private final String path;
    private final List<Path> fallback;

    Executables(String path, List<Path> fallback) {
        this.path = path == null ? "" : path;
        this.fallback = fallback;
    }

    /**
     * The executable {@code name} from this process's {@code PATH} or the sbin folders; when there is none, fails
     * with one sentence naming the Debian package that brings it.
     */
    public static Path find(String name, String debianPackage) throws FileNotFoundException {
        return new Executables(System.getenv("PATH"), SBIN).lookup(name, debianPackage);
    }

    Path lookup(String name, String debianPackage) throws FileNotFoundException {
        List<Path> folders = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                folders.add(Path.of(entry));
            }
        }
        folders.addAll(fallback);
        for (Path folder : folders) {
            Path candidate = folder.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new FileNotFoundException(name + " not found on PATH or in "
                + fallback.stream().map(Path::toString).collect(Collectors.joining(", "))
                + ": install it (Debian: apt-get install " + debianPackage + ")");
    }
}
