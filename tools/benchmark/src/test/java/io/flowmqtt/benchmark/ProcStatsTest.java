package io.flowmqtt.benchmark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class ProcStatsTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void rssIsReadFromTheStatusText() {
        String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmRSS:\t  265432 kB\nRssAnon:\t  200000 kB\n";
        assertEquals(265_432L * 1024, ProcStats.vmRss(status));
        assertThrows(IllegalArgumentException.class, () -> ProcStats.vmRss("Name:\tkthreadd\n"));
    }

    @Test
    public void cpuTicksCountFromTheLastParenthesis() {
        // a command name with a space and a parenthesis of its own; utime 1234 and stime 56 are fields 14 and 15
        String stat = "4242 (node red) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 56 0 0 20 0 11 0 100 1000000 5000";
        assertEquals(1290, ProcStats.cpuTicks(stat));
        assertThrows(IllegalArgumentException.class, () -> ProcStats.cpuTicks("garbage"));
    }

    @Test
    public void thisProcessCanBeRead() throws IOException {
        long pid = ProcessHandle.current().pid();
        assertTrue(ProcStats.rssBytes(pid) > 1024 * 1024);
        assertTrue(ProcStats.cpuSeconds(pid) > 0);
    }

    @Test
    public void cpuModelAndMemoryFromProc() {
        assertEquals("AMD EPYC 7B13", Machine.cpuModel("processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n"));
        assertEquals(24L * 1024 * 1024 * 1024, Machine.memTotal("MemTotal:       25165824 kB\nMemFree: 1 kB\n"));
    }
}
