package io.flowmqtt.benchmark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class ProcessGuardTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void endAllEndsEveryProcessWithItsChildrenAndClosesTheRest() throws Exception {
        ProcessGuard guard = new ProcessGuard();
        // a shell with a child that would outlive it unless it is ended too
        Process shell = guard.start(new ProcessBuilder("sh", "-c", "sleep 60 & wait"));
        AtomicInteger closed = new AtomicInteger();
        guard.open(() -> closed::incrementAndGet);
        long deadline = System.currentTimeMillis() + 5000;
        while (shell.descendants().findAny().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10); // polling a condition: the child has started
        }
        ProcessHandle child = shell.descendants().findAny().orElseThrow();

        guard.endAll();

        assertFalse(shell.isAlive());
        assertFalse("the shell's child too", child.isAlive());
        assertEquals(1, closed.get());
    }

    @Test
    public void nothingStartsAfterTheEnd() throws Exception {
        ProcessGuard guard = new ProcessGuard();
        guard.endAll();
        assertThrows(BenchmarkFailure.class, () -> guard.start(new ProcessBuilder("sleep", "60")));
        assertThrows(BenchmarkFailure.class, () -> guard.open(() -> () -> { }));
    }
}
