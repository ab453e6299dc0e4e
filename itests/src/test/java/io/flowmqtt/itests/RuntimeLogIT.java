package io.flowmqtt.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.testing.mosquitto.Mosquitto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * The assembled runtime as a real process, started with broken files in conf/: everything an operator
 * needs to fix them must be in logs/flow.log within seconds, one line each, in one format. Before, what
 * was logged until Pax Logging had its configuration was lost or went to the console only, FileInstall
 * wrote a stack trace for a garbage file, and Pax Logging printed 16 deprecation warnings.
 */
public class RuntimeLogIT {
    @ClassRule
    public static final Timeout CLASS_TIMEOUT = Timeout.seconds(120);

    /**
     * From the start of the process. The runtime boots in about 1.5 s on an idle machine; with the 2 cores
     * shared (load average 14) the last of these lines came after 14 s.
     */
    private static final long DEADLINE_MILLIS = 45_000;
    /** Every line of flow.log: the pattern of etc/org.ops4j.pax.logging.cfg, "%d{ISO8601} %-5p [%t] %c{1} - %m%n". */
    private static final Pattern LINE = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d,\\d{3} (TRACE|DEBUG|INFO |WARN |ERROR|FATAL) \\[[^\\]]*\\] \\S+ - .*");

    private static Path home;
    private static Mosquitto broker;
    private static Process runtime;
    private static long startedAt;

    @BeforeClass
    public static void startRuntimeWithBrokenFiles() throws Exception {
        Path work = Path.of(System.getProperty("flow.itest.dir"), RuntimeLogIT.class.getSimpleName());
        RuntimeProcessIT.deleteTree(work);
        home = work.resolve("runtime");
        RuntimeProcessIT.copyTree(Path.of(System.getProperty("flow.runtime.dir")), home);
        broker = Mosquitto.in(work.resolve("broker")).tcp().password("flow", "Fl0w-secret").start();
        String address = "mqtt://127.0.0.1:" + broker.tcpPort();

        // a free HTTP port: another runtime on this machine must not make Jetty log a bind failure here
        Path properties = home.resolve("etc/config.properties");
        String text = Files.readString(properties);
        assertTrue("etc/config.properties sets the HTTP port", text.contains("org.osgi.service.http.port=8181"));
        Files.writeString(properties, text.replace("org.osgi.service.http.port=8181",
                "org.osgi.service.http.port=" + Mosquitto.freePort()));

        Path conf = home.resolve("conf");
        Files.writeString(conf.resolve("flow.device.cfg"), "blockName = log-test\n");
        Files.writeString(conf.resolve("flow.mqtt.interface-bad.cfg"), "address = foo://x\n");
        Files.writeString(conf.resolve("flow.mqtt.interface-good.cfg"),
                "address = " + address + "\nusername = flow\npassword = Fl0w-secret\n");
        Files.writeString(conf.resolve("flow.mqtt.interface-wrongpw.cfg"),
                "address = " + address + "\nusername = flow\npassword = not-the-password\n");
        // TLS to a plain TCP listener: it never connects, but the choice is logged as it is applied
        Files.writeString(conf.resolve("flow.mqtt.interface-insecure.cfg"),
                "address = ssl://127.0.0.1:" + broker.tcpPort() + "\nverifyServerCertificate = false\n");
        Files.writeString(conf.resolve("flow.mqtt.output-orphan.cfg"), "interface = nosuch\nsource = widgets\n");
        // an invalid unicode escape: FileInstall's parser throws "Unable to parse unicode value"
        Files.writeString(conf.resolve("garbage.cfg"), "foo = \\uZZZZ\n", StandardCharsets.ISO_8859_1);

        runtime = start();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (runtime != null && runtime.isAlive()) {
            runtime.destroyForcibly().waitFor();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    public void anInvalidInterfaceConfigurationAtBootIsLoggedWithThePropertyAndTheReason() throws Exception {
        String line = awaitLine("the bad interface's invalid configuration",
                l -> l.contains("MQTT interface bad: invalid configuration: address: 'foo://x' has the unknown scheme 'foo'"));
        assertTrue(line, line.contains(" WARN "));
    }

    @Test
    public void aGarbageConfigurationFileIsOneLineNamingTheFileAndTheProblem() throws Exception {
        String line = awaitLine("the garbage file named",
                l -> l.contains("garbage.cfg") && l.contains("Unable to parse unicode value"));
        assertTrue(line, line.contains(conf("garbage.cfg")));
        List<String> lines = lines();
        int at = lines.indexOf(line);
        assertTrue("a stack trace follows the line: " + lines.subList(at, Math.min(lines.size(), at + 3)),
                at + 1 >= lines.size() || LINE.matcher(lines.get(at + 1)).matches());
        assertFalse("Java stack trace lines in flow.log", lines.stream().anyMatch(l -> l.trim().startsWith("at org.")));
    }

    @Test
    public void aRefusedPasswordSaysToCheckTheUsernameAndPassword() throws Exception {
        String line = awaitLine("the refused connect of wrongpw",
                l -> l.contains("MQTT interface wrongpw: connect to ") && l.contains("CONNACK return code"));
        assertTrue(line, line.contains("check the interface's username and password"));
    }

    @Test
    public void certificateVerificationOffIsAWarning() throws Exception {
        String line = awaitLine("the warning about verifyServerCertificate=false",
                l -> l.contains("MQTT interface insecure: verifyServerCertificate=false"));
        assertTrue(line, line.contains(" WARN "));
    }

    @Test
    public void anOutputWaitingForItsInterfaceIsLogged() throws Exception {
        awaitLine("the orphan output waiting for its interface",
                l -> l.contains("MQTT output orphan: ") && l.contains("WAITING_FOR_INTERFACE: waiting for interface nosuch"));
    }

    @Test
    public void aGoodInterfaceSaysConnectedTo() throws Exception {
        awaitLine("the good interface connected",
                l -> l.contains("MQTT interface good: connected to mqtt://127.0.0.1:" + broker.tcpPort()));
    }

    @Test
    public void everyLineHasOneFormatAndNothingIsDeprecated() throws Exception {
        // the last of the lines above to come: by then the boot is over
        awaitLine("the good interface connected", l -> l.contains("MQTT interface good: connected to"));
        awaitLine("the refused connect of wrongpw", l -> l.contains("MQTT interface wrongpw: connect to "));
        List<String> lines = lines();
        List<String> other = lines.stream().filter(l -> !LINE.matcher(l).matches()).collect(Collectors.toList());
        assertEquals("lines of flow.log in another format", List.of(), other);
        List<String> deprecated = lines.stream().filter(l -> l.toLowerCase().contains("deprecated")).collect(Collectors.toList());
        assertEquals("deprecation noise in flow.log", List.of(), deprecated);
        String console = Files.readString(home.resolve("logs/console.log"));
        assertFalse("deprecation noise on the console:\n" + console, console.toLowerCase().contains("deprecated"));
    }

    private static String conf(String file) {
        return home.resolve("conf").resolve(file).toString();
    }

    /** The first line of flow.log that matches, waiting for it until {@link #DEADLINE_MILLIS} after the start. */
    private static String awaitLine(String what, Predicate<String> wanted) throws Exception {
        while (true) {
            for (String line : lines()) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (System.currentTimeMillis() > startedAt + DEADLINE_MILLIS) {
                throw new AssertionError("no line in logs/flow.log within " + DEADLINE_MILLIS + " ms of the start: " + what
                        + "\n--- flow.log\n" + String.join("\n", lines())
                        + "\n--- console.log\n" + Files.readString(home.resolve("logs/console.log")));
            }
            if (!runtime.isAlive()) {
                throw new AssertionError("the runtime exited with " + runtime.exitValue() + " before: " + what);
            }
            Thread.sleep(50); // polling a condition
        }
    }

    private static List<String> lines() throws IOException {
        Path log = home.resolve("logs/flow.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static Process start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.createDirectories(home.resolve("logs"));
        Files.createDirectories(home.resolve("data"));
        startedAt = System.currentTimeMillis();
        // as bin/flow starts it
        return new ProcessBuilder(java, "-Xmx256m", "-Dflow.home=" + home, "-Dflow.gosh.args=--nointeractive",
                "-Dorg.ops4j.pax.logging.DefaultServiceLog.level=WARN",
                "-Dfelix.config.properties=" + home.resolve("etc/config.properties").toUri(),
                "-Djava.util.logging.config.file=/dev/null",
                "-jar", home.resolve("bin/org.apache.felix.main.jar").toString())
                .directory(home.resolve("data").toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("logs/console.log").toFile()))
                .start();
    }
}
