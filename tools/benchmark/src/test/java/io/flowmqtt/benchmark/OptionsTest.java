package io.flowmqtt.benchmark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class OptionsTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void defaultsAreTheDocumentedOnes() {
        Options o = Options.parse(List.of());
        assertEquals(1, o.runs());
        assertEquals(20, o.seconds());
        assertEquals(10, o.warmupSeconds());
        assertEquals(1000, o.rate());
        assertEquals(16, o.connections());
        assertEquals(3, o.restarts());
        assertEquals(Set.of(Options.Target.values()), o.targets());
        assertEquals(Set.of(Options.Phase.values()), o.phases());
        assertFalse(o.publish());
        assertEquals(List.of("./benchmark"), o.commandLine());
    }

    @Test
    public void quickShortensThePhasesButExplicitValuesWin() {
        Options o = Options.parse(List.of("--quick", "--seconds", "7"));
        assertTrue(o.quick());
        assertEquals(7, o.seconds());
        assertEquals(1, o.warmupSeconds());
        assertEquals(300, o.rate());
        assertEquals(1, o.restarts());
    }

    @Test
    public void valuesAndTheCommandLineAreKept() {
        List<String> args = List.of("--no-build", "--runs", "3", "--rate", "500", "--connections", "4", "--restarts", "0",
                "--warmup", "0", "--publish");
        Options o = Options.parse(args);
        assertEquals(3, o.runs());
        assertEquals(500, o.rate());
        assertEquals(4, o.connections());
        assertEquals(0, o.restarts());
        assertEquals(0, o.warmupSeconds());
        assertTrue(o.publish());
        assertEquals("./benchmark --no-build --runs 3 --rate 500 --connections 4 --restarts 0 --warmup 0 --publish", String.join(" ", o.commandLine()));
    }

    @Test
    public void onlySelectsTargetsAndPhasesSeparately() {
        Options o = Options.parse(List.of("--only", "runtime,latency"));
        assertEquals(Set.of(Options.Target.RUNTIME), o.targets());
        assertEquals(Set.of(Options.Phase.LATENCY), o.phases());
        Options n = Options.parse(List.of("--only", "node-red"));
        assertEquals(Set.of(Options.Target.NODE_RED), n.targets());
        assertEquals(Set.of(Options.Phase.values()), n.phases());
    }

    @Test
    public void badArgumentsAreNamed() {
        assertEquals("unknown argument '--fast'", message("--fast"));
        assertEquals("--runs needs a whole number, got 'x'", message("--runs", "x"));
        assertEquals("--runs needs a value", message("--runs"));
        assertEquals("--seconds needs a value", message("--seconds", "--quick"));
        assertEquals("--connections must be 1 to 1024, got 0", message("--connections", "0"));
        assertEquals("--only: 'redis' is not one of runtime, node-red, throughput, latency, startup, reconfigure",
                message("--only", "runtime,redis"));
    }

    private static String message(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of(args))).getMessage();
    }
}
