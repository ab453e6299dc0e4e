package io.flowmqtt.itests;

import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * The assembled runtime started with bin/flow and a heap too small for it: it must end (ExitOnOutOfMemoryError,
 * not go on with threads that died silently) and say why in logs/flow.log (bin/flow-oom), where the JVM's own
 * line, on standard error only, would not be.
 */
public class OutOfMemoryIT {
    @Rule
    public final Timeout timeout = Timeout.seconds(600);

    @Test
    public void aRuntimeOutOfMemoryEndsAndSaysSoInItsLog() throws Exception {
        Path work = Path.of(System.getProperty("flow.itest.dir"), OutOfMemoryIT.class.getSimpleName());
        RuntimeProcessIT.deleteTree(work);
        Path home = work.resolve("runtime");
        OperatorRuntime runtime = OperatorRuntime.create(home, Map.of("flow.device.cfg", "blockName = oom\n"));
        Process process = runtime.command(List.of(home.resolve("bin/flow").toString(), "--background-safe"),
                        Map.of("FLOW_HEAP_MAX", "10m", "FLOW_JAVA_OPTS", "-Xms4m")) // the runtime's start alone needs more
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("console.out").toFile())
                .start();
        try {
            assertTrue("the runtime ended", process.waitFor(120, TimeUnit.SECONDS));
            assertNotEquals(0, process.exitValue());
            String console = Files.readString(work.resolve("console.out"));
            assertTrue(console, console.contains("Terminating due to java.lang.OutOfMemoryError"));
            String log = Files.readString(home.resolve("logs/flow.log"));
            assertTrue(log, log.matches("(?s).*\\n?\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d,\\d{3} ERROR \\[jvm] flow - out of memory "
                    + "\\(pid " + process.pid() + "\\): the runtime stops now;.*"));
        } finally {
            process.destroyForcibly().waitFor();
        }
    }
}
