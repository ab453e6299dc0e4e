package io.flowmqtt.source.processing.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class ResidentSetSizeTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void vmRssInKilobytes() {
        assertEquals(Long.valueOf(183_500L * 1024), ResidentSetSize.fromProcStatus(List.of(
                "Name:\tjava", "VmPeak:\t 9000000 kB", "VmRSS:\t  183500 kB", "Threads:\t41")));
    }

    @Test
    public void missingOrMalformed() {
        assertNull(ResidentSetSize.fromProcStatus(List.of("Name:\tkthreadd")));
        assertNull(ResidentSetSize.fromProcStatus(List.of("VmRSS:\t lots kB")));
    }

    @Test
    public void readsThisProcess() {
        Long proc = new ResidentSetSize(Path.of("/proc/self/status")).read();
        assertNotNull(proc);
        assertTrue(proc > 1024 * 1024);
        Long oshi = new ResidentSetSize(Path.of("/nonexistent/status")).read();
        assertNotNull("OSHI fallback", oshi);
        assertTrue(oshi > 1024 * 1024);
    }
}
