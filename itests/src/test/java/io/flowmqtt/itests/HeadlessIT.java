package io.flowmqtt.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.flowmqtt.testing.mosquitto.Mosquitto;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * The assembled runtime started as on a device without a terminal, {@code bin/flow --background-safe}, its standard
 * input closed, and driven from outside with {@code bin/flow-status} run as a real process: it names every interface
 * and output with its state, broker, counters and last error; {@code --json} for scripts; the password from the
 * environment or a file; a wrong password and a runtime that is not there are told apart by the exit status.
 */
public class HeadlessIT {
    @ClassRule
    public static final Timeout CLASS_TIMEOUT = Timeout.seconds(240);

    private static final long DEADLINE_MILLIS = 60_000;
    private static final String BROKER_PASSWORD = "headless-Br0ker-pass";
    private static final String OPERATOR_PASSWORD = "operator-pass-0815";

    /** One run of a command: its exit status and what it printed. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Path work;
    private static Path home;
    private static Mosquitto broker;
    private static OperatorRuntime runtime;

    @BeforeClass
    public static void startHeadless() throws Exception {
        work = Path.of(System.getProperty("flow.itest.dir"), HeadlessIT.class.getSimpleName());
        RuntimeProcessIT.deleteTree(work);
        broker = Mosquitto.in(work.resolve("broker")).tcp().password("dev", BROKER_PASSWORD).start();
        home = work.resolve("runtime");
        runtime = OperatorRuntime.create(home, Map.of(
                "flow.device.cfg", "blockName = headless\n",
                "flow.operator.cfg", "passwordHash = " + OperatorRuntime.passwordHash(OPERATOR_PASSWORD) + "\n",
                "flow.simulator.cfg", "seed = 7\nanalytics = 1\ntickMillis = 200\ntimeBlockSeconds = 1\n",
                "flow.mqtt.interface-plant1.cfg", "address = mqtt://127.0.0.1:" + broker.tcpPort()
                        + "\nusername = dev\npassword = $[env:FLOW_PLANT_PASSWORD]\n",
                "flow.mqtt.interface-broken.cfg", "address = foo://x\n",
                "flow.mqtt.output-all.cfg", "interface = plant1\nsource = widgets\n"));
        assertFalse("the copy has no secrets/ yet: bin/flow makes it", Files.exists(home.resolve("secrets")));
        runtime.startWithBinFlow(Map.of("FLOW_PLANT_PASSWORD", BROKER_PASSWORD, "FLOW_JAVA_OPTS", "-Xmx256m"));
        // no terminal, and then not even a standard input: a background-safe runtime reads none and goes on
        runtime.process().getOutputStream().close();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    public void flowStatusNamesEveryInterfaceAndOutputWithItsStateBrokerCountersAndLastError() throws Exception {
        Run run = awaitStatus("plant1 connected and the output publishing", List.of(), operator(),
                r -> r.exit() == 0 && section(r.out(), "  interface plant1: connected").contains(", delivered ")
                        && !section(r.out(), "  interface plant1: ").contains(", delivered 0,")
                        && !section(r.out(), "  output all: active").contains("published 0,"));
        String out = run.out();
        assertTrue(out, out.startsWith("FLOW MQTT runtime at " + runtime.base() + "\n"));
        assertTrue(out, out.contains("    broker: mqtt://127.0.0.1:" + broker.tcpPort() + "\n"));
        assertTrue(out, out.contains("  interface broken: invalid_configuration\n"));
        assertTrue(out, out.contains("address: 'foo://x' has the unknown scheme 'foo'"));
        assertTrue(out, out.matches("(?s).*    counters: queued \\d+, accepted \\d+, published \\d+, delivered \\d+, dropped \\d+,"
                + " rejected \\d+, failed \\d+, connects \\d+, reconnects \\d+, dead letters \\d+\n.*"));
        assertTrue(out, out.contains("    last error: "));
        assertTrue(out, out.contains("    interface: plant1\n    source: widgets\n"));
        assertFalse(out, out.contains(BROKER_PASSWORD) || out.contains(OPERATOR_PASSWORD));
        assertEquals("", run.err());
    }

    @Test
    public void jsonForScripts() throws Exception {
        Run run = awaitStatus("the JSON answer", List.of("--json"), operator(), r -> r.exit() == 0);
        JsonObject all = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(List.of("broken", "plant1"), OperatorApiClient.texts(all.get("interfaces"), "name"));
        assertEquals(List.of("all"), OperatorApiClient.texts(all.get("outputs"), "name"));
    }

    @Test
    public void thePasswordFromAFile() throws Exception {
        Path file = Files.createFile(work.resolve("operator-password"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, OPERATOR_PASSWORD + "\n");
        Map<String, String> environment = new HashMap<>();
        environment.put("FLOW_OPERATOR_PASSWORD", ""); // set in the test's environment or not: not used
        Run run = awaitStatus("a status with the password from a file", List.of("--password-file", file.toString()), environment,
                r -> r.exit() == 0);
        assertTrue(run.toString(), run.out().contains("  interface plant1: "));
    }

    @Test
    public void aWrongPasswordIsExitStatus3AndARuntimeThatIsNotThereIs1() throws Exception {
        Run wrong = status(List.of(), Map.of("FLOW_OPERATOR_PASSWORD", "not-the-password"));
        assertEquals(wrong.toString(), 3, wrong.exit());
        assertTrue(wrong.toString(), wrong.err().contains("flow-status: login as admin refused (4"));
        assertEquals("", wrong.out());

        Run nobody = status(List.of("--url", "http://127.0.0.1:" + Mosquitto.freePort()), operator());
        assertEquals(nobody.toString(), 1, nobody.exit());
        assertTrue(nobody.toString(), nobody.err().contains("the runtime does not answer at"));
    }

    @Test
    public void theRuntimeRunsOnWithoutATerminalAndBinFlowMadeItsFoldersForItsUserOnly() throws Exception {
        awaitStatus("an answer", List.of(), operator(), r -> r.exit() == 0);
        assertTrue("the runtime stopped when its standard input closed", runtime.process().isAlive());
        String console = Files.readString(runtime.console());
        assertFalse("a Gogo prompt on the console:\n" + console, console.contains("g! "));
        for (String folder : List.of("secrets", "data", "logs")) {
            assertEquals(folder, "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(folder))));
        }
    }

    /** The lines of one interface or output: from the line that starts with {@code header} to the next that is not indented more. */
    private static String section(String out, String header) {
        int start = out.indexOf(header);
        if (start < 0) {
            return "";
        }
        StringBuilder lines = new StringBuilder();
        for (String line : out.substring(start).split("\n")) {
            if (lines.length() > 0 && !line.startsWith("    ")) {
                break;
            }
            lines.append(line).append('\n');
        }
        return lines.toString();
    }

    private static Map<String, String> operator() {
        return Map.of("FLOW_OPERATOR_PASSWORD", OPERATOR_PASSWORD);
    }

    /** Runs bin/flow-status until {@code wanted} (the runtime may still be connecting, a wrong login slows logins down). */
    private static Run awaitStatus(String what, List<String> args, Map<String, String> environment, Predicate<Run> wanted)
            throws Exception {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (true) {
            Run run = status(args, environment);
            if (wanted.test(run)) {
                return run;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("bin/flow-status did not show " + what + " within " + DEADLINE_MILLIS + " ms; last run:\n" + run);
            }
            Thread.sleep(500); // polling a condition
        }
    }

    /** bin/flow-status as a real process, from a shell's point of view: no terminal, standard input empty. */
    private static Run status(List<String> args, Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/flow-status").toString());
        command.addAll(args);
        Path out = Files.createTempFile(work, "status", ".out");
        Path err = Files.createTempFile(work, "status", ".err");
        Process process = runtime.command(command, environment)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("bin/flow-status " + args + " did not end within 60 s");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
