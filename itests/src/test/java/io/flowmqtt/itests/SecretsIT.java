package io.flowmqtt.itests;

import static io.flowmqtt.itests.OperatorApiClient.state;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.flowmqtt.itests.OperatorRuntime.Answer;
import io.flowmqtt.itests.OperatorRuntime.Session;
import io.flowmqtt.testing.mosquitto.Mosquitto;
import io.flowmqtt.testing.mosquitto.TestSubscriber;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * Configurations that refer to secrets instead of holding them, in the assembled runtime started as on a device
 * ({@code bin/flow --background-safe}) against a Mosquitto that requires the password: {@code $[secret:name]} from
 * secrets/ and {@code $[env:NAME]} connect, an unresolvable reference is an invalid configuration that says which,
 * the operator API keeps references (also through a PUT that leaves the password out), and no file under conf/ or
 * data/ (Config Admin's storage included) holds the plain password; what the runtime writes is its user's only.
 */
public class SecretsIT {
    @ClassRule
    public static final Timeout CLASS_TIMEOUT = Timeout.seconds(240);

    private static final long DEADLINE_MILLIS = 45_000;
    private static final String BROKER_PASSWORD = "plant-Br0ker-pass-7781";
    private static final String OPERATOR_PASSWORD = "operator-pass-4711";
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private static Mosquitto broker;
    private static OperatorRuntime runtime;
    private static Path home;

    @BeforeClass
    public static void startRuntimeWithReferences() throws Exception {
        Path work = Path.of(System.getProperty("flow.itest.dir"), SecretsIT.class.getSimpleName());
        RuntimeProcessIT.deleteTree(work);
        broker = Mosquitto.in(work.resolve("broker")).tcp().password("dev", BROKER_PASSWORD).start();
        String common = "address = mqtt://127.0.0.1:" + broker.tcpPort() + "\nusername = dev\n"
                + "reconnectMinMillis = 100\nreconnectMaxMillis = 1000\n";
        home = work.resolve("runtime");
        runtime = OperatorRuntime.create(home, Map.of(
                "flow.device.cfg", "blockName = secrets-test\n",
                "flow.operator.cfg", "passwordHash = " + OperatorRuntime.passwordHash(OPERATOR_PASSWORD) + "\n",
                "flow.mqtt.interface-plant1.cfg", common + "topicPrefix = plant1\npassword = $[secret:plant1-password]\n",
                "flow.mqtt.interface-plant2.cfg", common + "topicPrefix = plant2\npassword = $[env:FLOW_PLANT_PASSWORD]\n",
                "flow.mqtt.interface-missing.cfg", common + "topicPrefix = missing\npassword = $[secret:no-such-secret]\n"));
        // as an operator puts a secret onto the device: a folder and a file only the runtime's user can read
        Path secrets = Files.createDirectory(home.resolve("secrets"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path secret = Files.createFile(secrets.resolve("plant1-password"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secret, BROKER_PASSWORD + "\n");
        runtime.startWithBinFlow(Map.of("FLOW_PLANT_PASSWORD", BROKER_PASSWORD, "FLOW_JAVA_OPTS", "-Xmx256m"));
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
    public void aPasswordFromTheSecretsFolderConnectsToABrokerThatRequiresIt() throws Exception {
        Session session = login();
        awaitInterface(session, "plant1", i -> state(i).equals("connected"));
        try (TestSubscriber subscriber = TestSubscriber.connect(broker.tcpUrl(), "plant1/secrets-test/status", "dev",
                BROKER_PASSWORD, true, "secrets-it-1")) {
            subscriber.await("plant1's retained online", m -> m.stream().anyMatch(r -> r.payload().equals("online")), DEADLINE_MILLIS);
        }
    }

    @Test
    public void aPasswordFromTheEnvironmentConnects() throws Exception {
        awaitInterface(login(), "plant2", i -> state(i).equals("connected"));
    }

    @Test
    public void aReferenceThatCannotBeResolvedIsAnInvalidConfigurationNamingIt() throws Exception {
        JsonObject missing = awaitInterface(login(), "missing", i -> state(i).equals("invalid_configuration"));
        String detail = missing.getAsJsonObject("status").get("detail").getAsString();
        assertTrue(detail, detail.contains("password: $[secret:no-such-secret] was not replaced: no readable file 'no-such-secret'"));
    }

    @Test
    public void noPlainPasswordIsFoundUnderConfOrData() throws Exception {
        Session session = login();
        awaitInterface(session, "plant1", i -> state(i).equals("connected"));
        awaitInterface(session, "plant2", i -> state(i).equals("connected"));
        assertNoPlainPassword();
        String stored = Files.readString(storedConfiguration("plant1"));
        assertTrue("Config Admin stores the reference: " + stored, stored.contains("$[secret:plant1-password]"));
    }

    @Test
    public void whatTheRuntimeWritesIsItsUsersOnly() throws Exception {
        awaitInterface(login(), "plant1", i -> state(i).equals("connected")); // by then its queue and configuration are written
        List<String> open = new ArrayList<>();
        for (String folder : List.of("data", "logs", "secrets")) {
            try (Stream<Path> files = Files.walk(home.resolve(folder))) {
                files.filter(p -> !Files.isSymbolicLink(p)).forEach(p -> {
                    Set<PosixFilePermission> opened = permissions(p);
                    opened.retainAll(GROUP_OR_OTHERS);
                    if (!opened.isEmpty()) {
                        open.add(home.relativize(p) + " " + PosixFilePermissions.toString(permissions(p)));
                    }
                });
            }
        }
        Collections.sort(open);
        assertEquals("files the runtime wrote that others can read (bin/flow's umask 077): " + open.size() + ", the first",
                List.of(), open.subList(0, Math.min(open.size(), 12)));
    }

    @Test
    public void theOperatorApiShowsAReferenceAsSetAndAPutWithoutThePasswordKeepsTheReference() throws Exception {
        Session session = login();
        JsonObject plant1 = awaitInterface(session, "plant1", i -> state(i).equals("connected"));
        assertTrue(plant1.getAsJsonObject("secrets").get("password").getAsBoolean());
        assertFalse(plant1.toString(), plant1.getAsJsonObject("properties").has("password"));

        // a change that leaves the password out: the reference stays, in Config Admin and in the file
        Answer put = runtime.call("PUT", "/api/v1/interfaces/plant1", "{\"properties\": {\"address\": \"mqtt://127.0.0.1:"
                + broker.tcpPort() + "\", \"username\": \"dev\", \"topicPrefix\": \"plant1\", \"qos\": 2,"
                + " \"reconnectMinMillis\": 100, \"reconnectMaxMillis\": 1000}}", session.cookie(), session.csrfToken());
        assertEquals(put.body(), 200, put.status());
        Path file = home.resolve("conf/flow.mqtt.interface-plant1.cfg");
        awaitFile("FileInstall to write qos = 2 back", file, text -> text.contains("qos = 2"));
        assertTrue(Files.readString(file), Files.readString(file).contains("password = $[secret:plant1-password]"));
        assertTrue(Files.readString(storedConfiguration("plant1")).contains("$[secret:plant1-password]"));
        awaitInterface(session, "plant1", i -> state(i).equals("connected") && i.getAsJsonObject("properties").get("qos").getAsInt() == 2);

        // a new interface made through the API with a reference as its password
        Answer post = runtime.call("POST", "/api/v1/interfaces", "{\"name\": \"plant4\", \"properties\": {\"address\":"
                + " \"mqtt://127.0.0.1:" + broker.tcpPort() + "\", \"username\": \"dev\", \"topicPrefix\": \"plant4\","
                + " \"password\": \"$[env:FLOW_PLANT_PASSWORD]\"}}", session.cookie(), session.csrfToken());
        assertEquals(post.body(), 201, post.status());
        awaitInterface(session, "plant4", i -> state(i).equals("connected"));
        Path made = home.resolve("conf/flow.mqtt.interface-plant4.cfg");
        assertTrue(Files.readString(made), Files.readString(made).contains("password = $[env:FLOW_PLANT_PASSWORD]"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));
        for (Answer answer : List.of(put, post)) {
            assertFalse(answer.body(), answer.body().contains(BROKER_PASSWORD));
        }
        assertNoPlainPassword();
    }

    /** Every file under conf/ and data/ (Config Admin's storage is data/config), and the logs, byte by byte. */
    private static void assertNoPlainPassword() throws IOException {
        byte[] secret = BROKER_PASSWORD.getBytes(StandardCharsets.UTF_8);
        List<String> holding = new ArrayList<>();
        for (String folder : List.of("conf", "data", "logs")) {
            try (Stream<Path> files = Files.walk(home.resolve(folder))) {
                for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                    if (contains(Files.readAllBytes(file), secret)) {
                        holding.add(home.relativize(file).toString());
                    }
                }
            }
        }
        if (contains(Files.readAllBytes(runtime.console()), secret)) {
            holding.add(runtime.console().toString());
        }
        assertEquals("files that hold the plain broker password", List.of(), holding);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Config Admin's file of {@code flow.mqtt.interface~<name>} under data/config (Felix's FilePersistenceManager). */
    private static Path storedConfiguration(String name) {
        return home.resolve("data/config/flow/mqtt/interface%007e" + name + ".config");
    }

    private static Set<PosixFilePermission> permissions(Path p) {
        try {
            return Files.getPosixFilePermissions(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Session login() throws Exception {
        return runtime.login("admin", OPERATOR_PASSWORD);
    }

    private static JsonObject awaitInterface(Session session, String name, Predicate<JsonObject> wanted) throws Exception {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (true) {
            Answer answer = runtime.call("GET", "/api/v1/interfaces/" + name, null, session.cookie(), null);
            JsonObject iface = answer.status() == 200 ? JsonParser.parseString(answer.body()).getAsJsonObject() : null;
            if (iface != null && wanted.test(iface)) {
                return iface;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("interface " + name + " not as wanted within " + DEADLINE_MILLIS + " ms: "
                        + answer.status() + " " + answer.body());
            }
            Thread.sleep(100); // polling a condition
        }
    }

    private static void awaitFile(String what, Path file, Predicate<String> wanted) throws Exception {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (!(Files.exists(file) && wanted.test(Files.readString(file)))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what + ": " + (Files.exists(file) ? Files.readString(file) : "no file"));
            }
            Thread.sleep(100); // polling a condition
        }
    }
}
