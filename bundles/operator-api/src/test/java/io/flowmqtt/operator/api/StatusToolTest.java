package io.flowmqtt.operator.api;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

public class StatusToolTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void theAddressIsTheRuntimesOwnAndTheHttpConfigurationWins() throws Exception {
        Path home = folder.getRoot().toPath();
        Files.createDirectories(home.resolve("etc"));
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("etc/config.properties"),
                "org.osgi.framework.storage=${flow.home}/data/cache\norg.osgi.service.http.port=8181\norg.apache.felix.http.host=127.0.0.1\n");
        assertEquals("http://127.0.0.1:8181", StatusTool.localBase(home));
        Files.writeString(home.resolve("conf/org.apache.felix.http.cfg"), "org.osgi.service.http.port = 9090\norg.apache.felix.http.host = 0.0.0.0\n");
        assertEquals("http://127.0.0.1:9090", StatusTool.localBase(home));
        Files.writeString(home.resolve("conf/org.apache.felix.http.cfg"), "org.apache.felix.http.host = ::1\n");
        assertEquals("http://[::1]:8181", StatusTool.localBase(home));
    }
}
