package io.flowmqtt.testing.mosquitto;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

public class ExecutablesTest {
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void findsAProgramInAnSbinFolderThatIsNotOnThePath() throws Exception {
        Path bin = tmp.newFolder("bin").toPath();
        Path sbin = tmp.newFolder("sbin").toPath();
        Path broker = program(sbin, "mosquitto");
        assertEquals(broker, new Executables(bin.toString(), List.of(sbin)).lookup("mosquitto", "mosquitto"));
    }

    @Test
    public void thePathComesFirstAndFilesThatCannotRunAreSkipped() throws Exception {
        Path notExecutable = tmp.newFolder("a").toPath();
        Files.writeString(notExecutable.resolve("mosquitto"), "");
        Path onPath = program(tmp.newFolder("b").toPath(), "mosquitto");
        program(tmp.newFolder("sbin").toPath(), "mosquitto");
        String path = notExecutable + java.io.File.pathSeparator + onPath.getParent();
        assertEquals(onPath, new Executables(path, List.of(tmp.getRoot().toPath().resolve("sbin"))).lookup("mosquitto", "mosquitto"));
    }

    @Test
    public void aMissingProgramFailsWithOneSentenceNamingThePackage() throws Exception {
        Path sbin = tmp.newFolder("sbin").toPath();
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> new Executables("", List.of(sbin)).lookup("mosquitto", "mosquitto"));
        assertEquals("mosquitto not found on PATH or in " + sbin + ": install it (Debian: apt-get install mosquitto)", e.getMessage());
    }

    private static Path program(Path folder, String name) throws Exception {
        Path file = folder.resolve(name);
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
