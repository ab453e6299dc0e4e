package io.flowmqtt.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.flowmqtt.testing.mosquitto.Mosquitto;
import io.flowmqtt.testing.mosquitto.TestCertificates;
import io.flowmqtt.testing.mosquitto.TestSubscriber;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * The Karaf feature repository on a clean Apache Karaf 4.4 (downloaded by Maven, see itests/pom.xml): Karaf boots on
 * free ports and resolves mvn: URLs only from its own system/ folder and the repository this build made
 * (target/karaf-repo), then every feature of the repository is installed, one after the other, in one shell session.
 * Nothing may be refreshed (no "Refreshing bundles" in karaf.log, the session survives, Karaf's bundles keep their
 * states and SCR its service), every bundle is Active and every FLOW component satisfied. Configuration files in
 * Karaf's etc/ then set up two interfaces (plain TCP, and TLS with a client certificate and an encrypted key, which
 * the transport reads with Karaf's own Bouncy Castle), outputs of every source and the simulator: their messages
 * arrive at a real Mosquitto, a webhook POST arrives as a message, and the operator page, the operator API and the
 * monitoring answer on the jakarta whiteboard (Felix Jetty 12). Karaf is shut down through its shell.
 */
public class KarafFeaturesIT {
    /** The whole class: a Karaf that hangs must not hold the build. */
    @ClassRule
    public static final Timeout CLASS_TIMEOUT = Timeout.seconds(240);

    private static final long TIMEOUT = 60_000;
    private static final String BLOCK = "karaf-it";
    private static final String TOKEN = "karaf-it-webhook-token-0123456789";
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    private static final Pattern BUNDLE_LINE = Pattern.compile("^\\s*(\\d+)\\s*\\|\\s*(\\w+)\\s*\\|\\s*(\\d+)\\s*\\|\\s*(\\S+)\\s*\\|\\s*(.*?)\\s*$");
    private static final Pattern COMPONENT_LINE = Pattern.compile("^(\\S+) in bundle (\\d+) \\((\\S+)\\) (enabled|disabled), (\\d+) instances?\\.?$");
    private static final Pattern FEATURE = Pattern.compile("<feature\\s+name=\"([^\"]+)\"([^>]*)>");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final long started = System.currentTimeMillis();
    private Path work;
    private Path karaf;
    private int sshPort;
    private int httpPort;
    private Mosquitto broker;
    private Process karafProcess;
    private Thread killer;

    @After
    public void tearDown() throws Exception {
        if (karafProcess != null) {
            killTree(karafProcess.toHandle());
            Runtime.getRuntime().removeShutdownHook(killer);
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    public void everyFeatureInstallsWithoutARefreshAndMessagesFlowEndToEnd() throws Exception {
        work = Path.of(System.getProperty("flow.itest.dir"), getClass().getSimpleName());
        RuntimeProcessIT.deleteTree(work);
        Files.createDirectories(work);
        Path repo = Path.of(System.getProperty("flow.karaf.repo"));
        String featuresUrl = System.getProperty("flow.features.url");
        List<String> features = features(repo, featuresUrl);
        step("features in the repository: " + features);

        karaf = work.resolve("karaf");
        RuntimeProcessIT.copyTree(Path.of(System.getProperty("flow.karaf.dist")), karaf);
        assertEverythingIsThere(repo, featuresUrl);
        configureKaraf(repo);

        TestCertificates certs = TestCertificates.create(work.resolve("certs"));
        broker = Mosquitto.in(work.resolve("broker")).tcp().tls(certs, "server", true).start();

        startKaraf();
        awaitShell();
        step("Karaf is up");
        Map<Integer, String> before = bundles(client("bundle:list -t 0\n", 30_000));
        assertTrue("bundle:list printed nothing", before.size() > 20);

        // the core first, then SCR's service id is known; then every other feature, each on its own, in one session
        String core = client("feature:repo-add " + featuresUrl + "\nfeature:install flow-mqtt-core\n"
                + "service:list org.osgi.service.component.runtime.ServiceComponentRuntime | grep service.id\n", 90_000);
        assertNoError(core);
        String scrService = serviceId(core);
        StringBuilder install = new StringBuilder();
        for (String feature : features) {
            if (!feature.equals("flow-mqtt-core")) {
                install.append("feature:install ").append(feature).append('\n');
            }
        }
        install.append("echo FLOW-SESSION-SURVIVED\n");
        install.append("service:list org.osgi.service.component.runtime.ServiceComponentRuntime | grep service.id\n");
        String all = client(install.toString(), 120_000);
        assertNoRefresh();
        assertTrue("the shell session was cut while features were installed (a refresh of the shell?):\n" + all,
                all.contains("FLOW-SESSION-SURVIVED"));
        assertNoError(all);
        assertEquals("SCR's ServiceComponentRuntime was registered anew: SCR was refreshed", scrService, serviceId(all));
        step("installed " + features + ": nothing refreshed, the session survived, SCR kept service " + scrService);

        Map<Integer, String> after = bundles(client("bundle:list -t 0\n", 30_000));
        for (Map.Entry<Integer, String> bundle : before.entrySet()) {
            assertEquals("Karaf's bundle " + bundle.getKey() + " changed", bundle.getValue(), after.get(bundle.getKey()));
        }
        List<String> notActive = after.values().stream()
                .filter(b -> !b.startsWith("Active|") && !b.contains("Hosts:")) // fragments stay Resolved
                .collect(Collectors.toList());
        assertTrue("bundles not Active: " + notActive, notActive.isEmpty());
        List<String> added = after.entrySet().stream().filter(e -> !before.containsKey(e.getKey()))
                .map(e -> e.getValue()).collect(Collectors.toList());
        assertTrue("no FLOW bundle was installed: " + added, added.stream().anyMatch(b -> b.contains("FLOW MQTT ::")));
        assertFalse("the features installed a second Bouncy Castle next to Karaf's: " + added,
                added.stream().anyMatch(b -> b.contains("bcprov") || b.contains("bcpkix")));
        step(added.size() + " bundles added, all Active, Karaf's own unchanged");

        // configuration through etc/ (FileInstall), as an operator would
        try (TestSubscriber subscriber = TestSubscriber.connect(broker.tcpUrl(), "#")) {
            Path etc = karaf.resolve("etc");
            write(etc.resolve("flow.device.cfg"), "blockName = " + BLOCK + "\n");
            write(etc.resolve("flow.mqtt.interface-plain.cfg"), "address = mqtt://127.0.0.1:" + broker.tcpPort()
                    + "\nqos = 1\nreconnectMinMillis = 100\nreconnectMaxMillis = 500\n");
            write(etc.resolve("flow.mqtt.interface-tls.cfg"), "address = ssl://127.0.0.1:" + broker.tlsPort()
                    + "\ntopicPrefix = flowtls\nqos = 1\nreconnectMinMillis = 100\nreconnectMaxMillis = 500"
                    + "\nuseClientCertificate = true\nclientCertificate = " + certs.clientCertificate() + "\nclientKey = " + certs.clientKeyEncrypted()
                    + "\nclientKeyPassword = keypass\nuseCaCertificate = true\ncaCertificate = " + certs.caCertificate() + "\n");
            write(etc.resolve("flow.mqtt.output-widgets.cfg"), "interface = plain\nsource = widgets\npolicy = create, update, close\n");
            write(etc.resolve("flow.mqtt.output-processing.cfg"), "interface = plain\nsource = processing\n");
            write(etc.resolve("flow.mqtt.output-system.cfg"), "interface = tls\nsource = system\n");
            write(etc.resolve("flow.mqtt.output-network.cfg"), "interface = tls\nsource = network\n");
            write(etc.resolve("flow.simulator.cfg"), "seed = 7\nanalytics = 2\ntickMillis = 50\ntimeBlockSeconds = 1\n");
            write(etc.resolve("flow.webhook.cfg"), "token = " + TOKEN + "\n");

            subscriber.await("simulator widgets over TCP, system and network diagnostics over TLS, processing",
                    all2 -> has(all2, "flow/" + BLOCK + "/widgets/") && has(all2, "flow/" + BLOCK + "/processing")
                            && has(all2, "flowtls/" + BLOCK + "/system") && has(all2, "flowtls/" + BLOCK + "/network"),
                    TIMEOUT);
            step("messages from the simulator and every source arrived, over TCP and over TLS");

            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(url("/flow/webhook"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"cube_id\": 9, \"analytic_id\": 1, \"widget_id\": 42,"
                            + " \"widget_name\": \"Karaf\", \"widget_type\": \"value\", \"timestamp\": \"2026-11-25T14:01:47.123Z\","
                            + " \"time_block\": {\"start\": 1795615200000, \"end\": 1795615260000},"
                            + " \"data\": {\"data_validity\": \"ok\", \"object_count\": 3}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(posted.body(), 200, posted.statusCode());
            subscriber.await("the webhook's widget", all2 -> all2.stream().anyMatch(m -> m.topic().equals(
                    "flow/" + BLOCK + "/widgets/9/1/42") && m.payload().contains("\"object_count\":3")), TIMEOUT);
            step("a webhook POST arrived over MQTT");
        }

        HttpResponse<String> root = get("/");
        assertEquals(302, root.statusCode());
        assertTrue(root.headers().firstValue("Location").orElse(""), root.headers().firstValue("Location").orElse("").endsWith("/ui/index.html"));
        HttpResponse<String> page = get("/ui/index.html");
        assertEquals(200, page.statusCode());
        assertTrue(page.body(), page.body().contains("<html"));
        HttpResponse<String> api = get("/api/v1/interfaces");
        assertEquals(api.body(), 503, api.statusCode()); // no operator password set: the API answers, closed
        assertTrue(api.body(), api.body().contains("no operator password is set"));
        HttpResponse<String> metrics = get("/metrics");
        assertEquals(metrics.body(), 401, metrics.statusCode()); // behind the operator login
        step("operator page, operator API and metrics answer on 127.0.0.1:" + httpPort);

        assertComponentsSatisfied();
        String shell = client("flow:interfaces | grep -v FLOW-NOTHING\n", 30_000);
        assertTrue("flow:interfaces in Karaf's shell:\n" + shell, shell.contains("plain: connected")
                && shell.contains("tls: connected"));
        step("flow:interfaces in Karaf's shell: plain and tls connected");
        assertNoRefresh();
        String log = Files.readString(karaf.resolve("data/log/karaf.log"));
        List<String> errors = log.lines().filter(l -> l.contains("| ERROR |")).collect(Collectors.toList());
        assertTrue("errors in karaf.log: " + errors, errors.isEmpty());

        client("system:shutdown -f\n", 30_000);
        assertTrue("Karaf did not stop within 30 s of system:shutdown", karafProcess.waitFor(30, TimeUnit.SECONDS));
        step("Karaf stopped");
    }

    /** The names of the repository's features, hidden ones excepted, in the order they are written. */
    private static List<String> features(Path repo, String url) throws IOException {
        String xml = Files.readString(repo.resolve(mavenPath(url)));
        List<String> names = new ArrayList<>();
        Matcher m = FEATURE.matcher(xml);
        while (m.find()) {
            if (!m.group(2).contains("hidden=\"true\"")) {
                names.add(m.group(1));
            }
        }
        assertTrue("no feature in " + url, names.contains("flow-mqtt-core"));
        return names;
    }

    /**
     * Every mvn: bundle of our features, and of Karaf's scr feature they need, is in Karaf's system/ folder or in the
     * repository the build made: Karaf downloads nothing, and a bundle missing from itests/pom.xml is named here.
     */
    private void assertEverythingIsThere(Path repo, String featuresUrl) throws IOException {
        List<String> locations = new ArrayList<>();
        Pattern bundle = Pattern.compile("<bundle[^>]*>\\s*(mvn:[^<\\s]+)\\s*</bundle>");
        Matcher m = bundle.matcher(Files.readString(repo.resolve(mavenPath(featuresUrl))));
        while (m.find()) {
            locations.add(m.group(1));
        }
        Path standard;
        try (Stream<Path> files = Files.walk(karaf.resolve("system/org/apache/karaf/features/standard"))) {
            standard = files.filter(p -> p.toString().endsWith("-features.xml")).findFirst().orElseThrow();
        }
        String xml = Files.readString(standard);
        Matcher scr = Pattern.compile("<feature name=\"scr\".*?</feature>", Pattern.DOTALL).matcher(xml);
        assertTrue("no scr feature in " + standard, scr.find());
        m = bundle.matcher(scr.group());
        while (m.find()) {
            locations.add(m.group(1));
        }
        List<String> missing = new ArrayList<>();
        for (String location : locations) {
            String path = mavenPath(location);
            if (!Files.exists(repo.resolve(path)) && !Files.exists(karaf.resolve("system").resolve(path))) {
                missing.add(location);
            }
        }
        assertTrue("not in Karaf's system/ nor in " + repo + " (add them to the karaf-repo list in itests/pom.xml): " + missing,
                missing.isEmpty());
    }

    /** mvn:group/artifact/version[/type[/classifier]] to its path in a Maven repository. */
    private static String mavenPath(String url) {
        String[] p = url.substring("mvn:".length()).split("/");
        String type = p.length > 3 ? p[3] : "jar";
        String classifier = p.length > 4 ? "-" + p[4] : "";
        return p[0].replace('.', '/') + "/" + p[1] + "/" + p[2] + "/" + p[1] + "-" + p[2] + classifier + "." + type;
    }

    /** Free ports for SSH, RMI and HTTP, the karaf user, and Maven URLs resolved from system/ and the build's repository only. */
    private void configureKaraf(Path repo) throws IOException {
        Path etc = karaf.resolve("etc");
        sshPort = Mosquitto.freePort();
        int rmiRegistry = Mosquitto.freePort();
        int rmiServer = Mosquitto.freePort();
        httpPort = Mosquitto.freePort();
        replace(etc.resolve("org.apache.karaf.shell.cfg"), "(?m)^sshPort\\s*=.*$", "sshPort = " + sshPort);
        replace(etc.resolve("org.apache.karaf.shell.cfg"), "(?m)^sshHost\\s*=.*$", "sshHost = 127.0.0.1");
        replace(etc.resolve("org.apache.karaf.management.cfg"), "(?m)^rmiRegistryPort\\s*=.*$", "rmiRegistryPort = " + rmiRegistry);
        replace(etc.resolve("org.apache.karaf.management.cfg"), "(?m)^rmiServerPort\\s*=.*$", "rmiServerPort = " + rmiServer);
        replace(etc.resolve("users.properties"), "(?m)^#karaf = ", "karaf = ");
        replace(etc.resolve("users.properties"), "(?m)^#_g_", "_g_");
        // the feature's <config> applies only where this configuration does not exist yet: here, a free port
        write(etc.resolve("org.apache.felix.http.cfg"), "org.osgi.service.http.port = " + httpPort
                + "\norg.apache.felix.http.host = 127.0.0.1\n");
        write(etc.resolve("org.ops4j.pax.url.mvn.cfg"), String.join("\n",
                "# KarafFeaturesIT: Karaf's system/ folder and the repository the build made; nothing is downloaded",
                "org.ops4j.pax.url.mvn.useFallbackRepositories = false",
                "org.ops4j.pax.url.mvn.defaultRepositories = \\",
                "    ${karaf.home.uri}system@id=system.repository@snapshots, \\",
                "    " + repo.toUri() + "@id=flow.build@snapshots",
                "org.ops4j.pax.url.mvn.repositories =",
                "org.ops4j.pax.url.mvn.localRepository = " + work.resolve("m2"),
                ""));
        for (Path script : List.of(karaf.resolve("bin/karaf"), karaf.resolve("bin/client"), karaf.resolve("bin/inc"),
                karaf.resolve("bin/setenv"))) {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x")); // the unpacked tar may lose them
        }
    }

    private void startKaraf() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(karaf.resolve("bin/karaf").toString(), "server")
                .directory(karaf.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("karaf-console.log").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_MAX_MEM", "512M");
        karafProcess = builder.start();
        ProcessHandle handle = karafProcess.toHandle();
        killer = new Thread(() -> killTree(handle)); // the JVM ending early (a timeout) must not leave Karaf behind
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** Until the boot features are installed and the shell answers over SSH. */
    private void awaitShell() throws Exception {
        Path log = karaf.resolve("data/log/karaf.log");
        await("Karaf's boot features", () -> {
            try {
                return Files.exists(log) && Files.readString(log).contains("Deployment finished. Registering FeatureDeploymentListener");
            } catch (IOException e) {
                return false;
            }
        });
        await("the shell over SSH", () -> client("echo FLOW-SHELL-READY\n", 20_000).contains("FLOW-SHELL-READY"));
    }

    /** Commands through bin/client in batch mode (one SSH session); ANSI colours removed. */
    private String client(String commands, long timeoutMillis) {
        try {
            Path out = Files.createTempFile(work, "client", ".out");
            ProcessBuilder builder = new ProcessBuilder(karaf.resolve("bin/client").toString(), "-a", String.valueOf(sshPort),
                    "-h", "127.0.0.1", "-u", "karaf", "-p", "karaf", "-b")
                    .directory(karaf.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process client = builder.start();
            client.getOutputStream().write(commands.getBytes(StandardCharsets.UTF_8));
            client.getOutputStream().close();
            if (!client.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                killTree(client.toHandle());
                fail("bin/client did not finish within " + timeoutMillis + " ms: " + commands + "\n" + Files.readString(out));
            }
            return ANSI.matcher(Files.readString(out)).replaceAll("");
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** id -> "state|level|version|name" from bundle:list. */
    private static Map<Integer, String> bundles(String list) {
        Map<Integer, String> bundles = new TreeMap<>();
        for (String line : list.split("\n")) {
            Matcher m = BUNDLE_LINE.matcher(line);
            if (m.matches()) {
                bundles.put(Integer.parseInt(m.group(1)), m.group(2) + "|" + m.group(3) + "|" + m.group(4) + "|" + m.group(5));
            }
        }
        return bundles;
    }

    private static String serviceId(String output) {
        Matcher m = Pattern.compile("service\\.id\\s*=\\s*(\\d+)").matcher(output);
        assertTrue("no ServiceComponentRuntime service in:\n" + output, m.find());
        return m.group(1);
    }

    private void assertNoRefresh() throws IOException {
        String log = Files.readString(karaf.resolve("data/log/karaf.log"));
        int at = log.indexOf("Refreshing bundles");
        assertTrue("Karaf refreshed bundles:\n" + (at < 0 ? "" : log.substring(at, Math.min(log.length(), at + 3000))), at < 0);
    }

    private static void assertNoError(String output) {
        assertFalse(output, output.contains("Error executing command") || output.contains("Command not found"));
    }

    /**
     * Every FLOW component: Felix SCR's scr:list and scr:info (piped through grep: without a terminal the shell prints
     * only text, not the objects these commands return). A component that needs a configuration may have no instance
     * when it has none; every instance there is must be ACTIVE (or SATISFIED: delayed, nobody asked for it yet).
     */
    private void assertComponentsSatisfied() {
        String list = client("scr:list | grep flowmqtt\n", 30_000);
        List<String> names = new ArrayList<>();
        for (String line : list.split("\n")) {
            Matcher m = COMPONENT_LINE.matcher(line.trim());
            if (m.matches()) {
                assertEquals(line, "enabled", m.group(4));
                names.add(m.group(1));
            }
        }
        assertTrue("scr:list listed no FLOW component:\n" + list, names.size() > 10);
        StringBuilder commands = new StringBuilder();
        for (String name : names) {
            commands.append("echo FLOW-COMPONENT ").append(name).append("\nscr:info ").append(name).append(" | grep -v FLOW-NOTHING\n");
        }
        String info = client(commands.toString(), 60_000);
        Map<String, List<String>> states = new LinkedHashMap<>();
        Map<String, String> configs = new LinkedHashMap<>(); // "[pid], Policy: require"
        String current = null;
        for (String line : info.split("\n")) {
            line = line.trim();
            if (line.startsWith("FLOW-COMPONENT ")) {
                current = line.substring("FLOW-COMPONENT ".length());
                states.put(current, new ArrayList<>());
            } else if (current != null && line.startsWith("State:")) {
                states.get(current).add(line.substring("State:".length()).trim());
            } else if (current != null && line.startsWith("Config PID(s):")) {
                configs.put(current, line.substring("Config PID(s):".length()).trim());
            }
        }
        List<String> configured = List.of("flow.mqtt.interface", "flow.mqtt.output", "flow.simulator", "flow.webhook", "flow.device");
        List<String> bad = new ArrayList<>();
        for (String name : names) {
            List<String> s = states.getOrDefault(name, List.of());
            String config = configs.getOrDefault(name, "");
            boolean waitsForAConfiguration = config.endsWith("Policy: require")
                    && configured.stream().noneMatch(pid -> config.startsWith("[" + pid + "]"));
            if (s.stream().anyMatch(state -> !state.equals("ACTIVE") && !state.equals("SATISFIED"))) {
                bad.add(name + " " + s);
            } else if (s.isEmpty() && !waitsForAConfiguration) {
                bad.add(name + " has no instance (" + config + ")");
            }
        }
        assertTrue("components not satisfied: " + bad + "\n" + info, bad.isEmpty());
        step(names.size() + " FLOW components, every instance ACTIVE or SATISFIED");
    }

    private static boolean has(List<TestSubscriber.Received> messages, String topicPrefix) {
        return messages.stream().anyMatch(m -> m.topic().startsWith(topicPrefix) && !TestSubscriber.isStatus(m.topic()));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT;
        while (!condition.get()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + TIMEOUT + " ms waiting for " + what);
            }
            Thread.sleep(200); // polling a condition
        }
    }

    private static void replace(Path file, String regex, String replacement) throws IOException {
        String text = Files.readString(file);
        String changed = text.replaceAll(regex, Matcher.quoteReplacement(replacement));
        assertFalse(file + ": nothing matches " + regex, changed.equals(text));
        Files.writeString(file, changed);
    }

    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE); // FileInstall never reads half a file
    }

    private static void killTree(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

    private void step(String what) {
        System.out.printf("KarafFeaturesIT %6.1f s  %s%n", (System.currentTimeMillis() - started) / 1000.0, what);
    }
}
