package io.flowmqtt.operator.api.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

public class ConfFilesTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void fileInstallReadsBackExactlyWhatWasWritten() throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", "Zürich plant 1");
        values.put("address", "ssl://broker:8883, ssl://backup:8883");
        values.put("password", "p=a:s#s!w\\o\"r'd\\");
        values.put("topicPrefix", "  leading and trailing  ");
        values.put("clientKey", "-----BEGIN PRIVATE KEY-----\nMIIEvQ==\n-----END PRIVATE KEY-----\n");
        values.put("username", "<img src=x onerror=alert(1)>");
        values.put("customDeviceId", "日本\t\u0001");
        values.put("empty", "");
        values.put("typedLooking", "I\"1\"");
        ConfFiles files = new ConfFiles(folder.getRoot().toPath());
        String url = files.create("flow.mqtt.interface", "Zürich plant 1", values);

        Path file = folder.getRoot().toPath().resolve("flow.mqtt.interface-Zürich plant 1.cfg");
        assertEquals(ConfFiles.url(file), url);
        assertTrue(url, url.startsWith("file:/") && url.endsWith("/flow.mqtt.interface-Zürich%20plant%201.cfg"));
        assertEquals(values, Fixtures.readAsFileInstall(file));
        assertTrue(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1).chars().allMatch(c -> c < 0x7f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var listing = Files.list(folder.getRoot().toPath())) {
            assertEquals(1, listing.count()); // no temporary file left
        }
    }

    @Test
    public void anExistingFileIsNeverOverwritten() throws Exception {
        ConfFiles files = new ConfFiles(folder.getRoot().toPath());
        files.create("flow.mqtt.output", "counts", Map.of("name", "counts"));
        try {
            files.create("flow.mqtt.output", "counts", Map.of("name", "other"));
            throw new AssertionError("overwritten");
        } catch (java.nio.file.FileAlreadyExistsException expected) {
            assertEquals(Map.of("name", "counts"), Fixtures.readAsFileInstall(files.file("flow.mqtt.output", "counts")));
        }
    }

    @Test
    public void onlyFilesOfTheWatchedFolderAreDeleted() throws Exception {
        ConfFiles files = new ConfFiles(folder.getRoot().toPath());
        String url = files.create("flow.mqtt.output", "counts", Map.of("name", "counts"));
        Path elsewhere = folder.newFolder("elsewhere").toPath().resolve("flow.mqtt.output-x.cfg");
        Files.writeString(elsewhere, "name = x\n");
        files.delete(ConfFiles.url(elsewhere));
        files.delete("not a url at all");
        files.delete(null);
        assertTrue(Files.exists(elsewhere));
        files.delete(url);
        assertFalse(Files.exists(files.file("flow.mqtt.output", "counts")));
    }

    @Test
    public void aChangeReplacesTheFileOfTheWatchedFolderWholeAndPrivate() throws Exception {
        ConfFiles files = new ConfFiles(folder.getRoot().toPath());
        String url = files.create("flow.mqtt.output", "counts", Map.of("name", "counts", "interface", "a"));
        Path file = files.file("flow.mqtt.output", "counts");
        Files.writeString(file, "# an operator's note\n\n" + Files.readString(file).lines().filter(l -> !l.startsWith("#"))
                .reduce("", (a, b) -> a + b + "\n") + "# a comment between properties\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(files.replace(url, Map.of("name", "counts", "interface", "b")));
        assertEquals(Map.of("name", "counts", "interface", "b"), Fixtures.readAsFileInstall(file));
        assertTrue(Files.readString(file).startsWith("# an operator's note\n\n"));
        assertFalse(Files.readString(file).contains("between"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var listing = Files.list(folder.getRoot().toPath())) {
            assertEquals(1, listing.count()); // no temporary file left
        }
        Path elsewhere = folder.newFolder("elsewhere").toPath().resolve("flow.mqtt.output-x.cfg");
        Files.writeString(elsewhere, "name = x\n");
        assertFalse(files.replace(ConfFiles.url(elsewhere), Map.of("name", "y")));
        assertFalse(files.replace(null, Map.of("name", "y")));
        assertEquals("name = x\n", Files.readString(elsewhere));
    }
}
