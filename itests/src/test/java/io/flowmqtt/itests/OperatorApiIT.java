package io.flowmqtt.itests;

import static io.flowmqtt.itests.OperatorApiClient.positions;
import static io.flowmqtt.itests.OperatorApiClient.state;
import static io.flowmqtt.itests.OperatorApiClient.texts;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.flowmqtt.api.DeviceIdentity;
import io.flowmqtt.api.widgets.WidgetRef;
import io.flowmqtt.api.widgets.WidgetReporter;
import io.flowmqtt.api.widgets.WidgetSnapshot;
import io.flowmqtt.api.widgets.WidgetType;
import io.flowmqtt.itests.OperatorApiClient.Response;
import io.flowmqtt.testing.mosquitto.Mosquitto;
import io.flowmqtt.testing.mosquitto.TestCertificates;
import io.flowmqtt.testing.mosquitto.TestSubscriber;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;

/**
 * The operator API in the real container over real HTTP, against a real Mosquitto that wants a password (and
 * a client certificate on its TLS listener): login, interfaces and outputs made through the API that publish,
 * refused writes naming every bad property, the log read on with {@code since}, the staged connection test
 * over mutual TLS with uploaded files, files and API showing the same, sessions, CSRF and the slow-down, and
 * no secret in any answer (every body of every test is searched).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OperatorApiIT extends FlowTestSupport {
    private static final String OPERATOR_PASSWORD = "operator-pass-4711";
    private static final String BROKER_PASSWORD = "broker-pass-0815";
    private static final String KEY_PASSWORD = "keypass"; // of TestCertificates' encrypted client key
    private static final String MARKUP = "<img src=x onerror=alert(1)>";
    private static TestCertificates certs;

    @Rule
    public Timeout timeout = Timeout.seconds(180);

    private Mosquitto broker;
    private OperatorApiClient api;
    private String block;

    @Before
    public void startBrokerAndLogIn() throws Exception {
        if (certs == null) {
            certs = TestCertificates.create(workDir().resolve("pki"));
        }
        broker = Mosquitto.in(workDir().resolve("broker")).tcp().tls(certs, "server", true).password("dev", BROKER_PASSWORD).start();
        block = service(DeviceIdentity.class, null).blockName();
        api = new OperatorApiClient(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        Configuration operator = configAdmin.getConfiguration("flow.operator", "?");
        if (operator.getProperties() == null || operator.getProperties().get("passwordHash") == null) {
            // a new login configuration ends every session: log in only once it applies
            setOperator(OperatorApiClient.passwordHash(OPERATOR_PASSWORD));
            await("the login configuration applied", () -> status("GET", "/api/v1/session") == 401);
        }
        Response login = api.login("admin", OPERATOR_PASSWORD, System.currentTimeMillis() + TIMEOUT);
        assertEquals(login.body(), 200, login.status());
    }

    @After
    public void noSecretWasAnsweredAndCleanUp() throws Exception {
        try {
            for (String body : api.bodies) {
                for (String secret : List.of(OPERATOR_PASSWORD, BROKER_PASSWORD, KEY_PASSWORD, "PRIVATE KEY")) {
                    assertFalse("a response holds '" + secret + "': " + body, body.contains(secret));
                }
            }
        } finally {
            for (String pid : List.of("flow.mqtt.output", "flow.mqtt.interface")) {
                Configuration[] all = configAdmin.listConfigurations("(service.factoryPid=" + pid + ")");
                for (Configuration c : all == null ? new Configuration[0] : all) {
                    c.delete();
                }
            }
            broker.stop();
        }
    }

    @Test
    public void anInterfaceAndAnOutputMadeThroughTheApiPublish() throws Exception {
        JsonObject iface = created("/api/v1/interfaces", "{\"name\": \"api-plant\", \"properties\": {\"address\": \"mqtt://127.0.0.1:"
                + broker.tcpPort() + "\", \"qos\": 1, \"username\": \"dev\", \"password\": \"" + BROKER_PASSWORD + "\"}}");
        assertTrue(iface.getAsJsonObject("secrets").get("password").getAsBoolean());
        assertFalse(iface.getAsJsonObject("properties").has("password"));
        created("/api/v1/outputs", "{\"name\": \"api-widgets\", \"properties\": {\"interface\": \"api-plant\", \"widgets\": \"9/*/*\"}}");
        try (TestSubscriber subscriber = TestSubscriber.connect(broker.tcpUrl(), "flow/" + block + "/widgets/#", "dev",
                BROKER_PASSWORD, true, "operator-it")) {
            awaitJson("the output active", "/api/v1/outputs/api-widgets", o -> state(o).equals("active"));
            long now = System.currentTimeMillis();
            JsonObject data = new JsonObject();
            data.addProperty("data_validity", "ok");
            data.addProperty("object_count", 3);
            service(WidgetReporter.class, null).report(new WidgetSnapshot(new WidgetRef(9, 0, 1, "API count", WidgetType.VALUE),
                    null, now, data));
            subscriber.await("the widget", m -> m.stream().anyMatch(r -> r.topic().equals("flow/" + block + "/widgets/9/0/1")), TIMEOUT);
        }
        JsonObject output = awaitJson("lastPublishedAt", "/api/v1/outputs/api-widgets",
                o -> o.getAsJsonObject("status").get("lastPublishedAt").getAsLong() > 0);
        assertEquals(1, output.getAsJsonObject("status").get("published").getAsLong());
        JsonObject plant = awaitJson("a delivery", "/api/v1/interfaces/api-plant",
                o -> o.getAsJsonObject("status").getAsJsonObject("counters").get("delivered").getAsLong() >= 1);
        assertEquals("connected", state(plant));
        JsonArray widgets = api.get("/api/v1/widgets").json().getAsJsonArray();
        assertTrue(widgets.toString(), StreamSupport.stream(widgets.spliterator(), false).map(JsonElement::getAsJsonObject)
                .anyMatch(w -> w.get("cube").getAsInt() == 9 && w.get("widget").getAsInt() == 1
                        && w.get("name").getAsString().equals("API count") && w.get("type").getAsString().equals("value")));
        assertEquals(Set.of("network", "processing", "system", "widgets"), Set.copyOf(texts(api.get("/api/v1/sources").json(), "type")));
        awaitJson("every diagnostics sample", "/api/v1/diagnostics", d -> !d.get("system").isJsonNull()
                && !d.get("network").isJsonNull() && !d.get("processing").isJsonNull());
    }

    @Test
    public void aRefusedWriteNamesEveryBadPropertyAndAWriteWithoutCsrfTokenChangesNothing() throws Exception {
        Response refused = api.call("POST", "/api/v1/interfaces", "{\"name\": \"bad\", \"properties\": {\"address\": \"foo://x\", \"qos\": 7}}");
        assertEquals(400, refused.status());
        assertEquals(List.of("address", "qos"), texts(refused.object().get("problems"), "property"));
        assertEquals(404, api.get("/api/v1/interfaces/bad").status());
        Response output = api.call("POST", "/api/v1/outputs", "{\"name\": \"o\", \"properties\": {\"policy\": \"creat\", \"qos\": \"two\"}}");
        assertEquals(List.of("qos", "interface", "policy"), texts(output.object().get("problems"), "property"));

        created("/api/v1/interfaces", "{\"name\": \"good\", \"properties\": {\"address\": \"mqtt://127.0.0.1:1\"}}");
        assertEquals(409, api.call("POST", "/api/v1/interfaces", "{\"name\": \"good\"}").status());
        for (String[] write : new String[][] {{"POST", "/api/v1/interfaces", "{\"name\": \"sneaky\"}"},
            {"PUT", "/api/v1/interfaces/good", "{\"properties\": {\"qos\": 0}}"}, {"DELETE", "/api/v1/interfaces/good", null},
            {"POST", "/api/v1/interfaces/good/test", null}, {"DELETE", "/api/v1/session", null}}) {
            Response response = api.withoutCsrf(write[0], write[1], write[2]);
            assertEquals(write[1], 403, response.status());
            assertEquals("missing or wrong CSRF token", response.object().get("error").getAsString());
        }
        assertEquals(List.of("good"), texts(api.get("/api/v1/interfaces").json(), "name"));
        assertEquals(1, api.get("/api/v1/interfaces/good").object().getAsJsonObject("properties").get("qos").getAsInt());
    }

    @Test
    public void withoutAValidSessionEveryCallIs401() throws Exception {
        String[][] calls = {{"GET", "/api/v1/interfaces"}, {"POST", "/api/v1/interfaces"}, {"GET", "/api/v1/interfaces/x"},
            {"PUT", "/api/v1/interfaces/x"}, {"DELETE", "/api/v1/interfaces/x"}, {"GET", "/api/v1/interfaces/x/log"},
            {"POST", "/api/v1/interfaces/x/test"}, {"GET", "/api/v1/outputs"}, {"POST", "/api/v1/outputs"}, {"GET", "/api/v1/sources"},
            {"GET", "/api/v1/widgets"}, {"GET", "/api/v1/diagnostics"}, {"POST", "/api/v1/files?kind=ca"}, {"GET", "/api/v1/session"},
            {"DELETE", "/api/v1/session"}, {"GET", "/api/v1/nothing"}};
        for (String[] call : calls) {
            Response response = api.anonymous(call[0], call[1], call[0].equals("GET") ? null : "{}");
            assertEquals(call[0] + " " + call[1], 401, response.status());
            assertEquals("login required", response.object().get("error").getAsString());
            assertEquals("no-store", response.header("Cache-Control"));
        }
        assertEquals(204, api.call("DELETE", "/api/v1/session", null).status());
        assertEquals(401, api.get("/api/v1/interfaces").status()); // logged out
    }

    @Test
    public void theLogIsReadOnWithSince() throws Exception {
        created("/api/v1/interfaces", "{\"name\": \"logged\", \"properties\": {\"address\": \"mqtt://127.0.0.1:" + broker.tcpPort()
                + "\", \"username\": \"dev\", \"password\": \"" + BROKER_PASSWORD + "\", \"showLogs\": true}}");
        awaitJson("connected", "/api/v1/interfaces/logged", o -> state(o).equals("connected"));
        JsonObject first = api.get("/api/v1/interfaces/logged/log?since=0").object();
        long next = first.get("next").getAsLong();
        List<Long> positions = positions(first);
        assertFalse(positions.isEmpty());
        assertEquals(next, (long) positions.get(positions.size() - 1));
        assertTrue(first.toString().contains("\"kind\":\"connect\""));

        assertEquals(200, api.call("PUT", "/api/v1/interfaces/logged", "{\"properties\": {\"address\": \"mqtt://127.0.0.1:"
                + broker.tcpPort() + "\", \"username\": \"dev\", \"qos\": 2, \"showLogs\": true}}").status());
        AtomicReference<JsonObject> more = new AtomicReference<>();
        await("log lines after " + next, () -> {
            more.set(call("/api/v1/interfaces/logged/log?since=" + next));
            return !positions(more.get()).isEmpty();
        });
        assertTrue(positions(more.get()).stream().allMatch(p -> p > next));
        long after = more.get().get("next").getAsLong();
        assertTrue(positions(call("/api/v1/interfaces/logged/log?since=" + after)).stream().allMatch(p -> p > after));
        assertEquals(400, api.get("/api/v1/interfaces/logged/log?since=abc").status());
    }

    @Test
    public void theConnectionTestOverMutualTlsWithUploadedFilesPassesEveryStep() throws Exception {
        String ca = uploaded("ca", certs.caCertificate());
        String certificate = uploaded("certificate", certs.clientCertificate());
        String key = uploaded("key", certs.clientKeyEncrypted());
        JsonObject tls = created("/api/v1/interfaces", "{\"name\": \"api-tls\", \"properties\": {\"address\": \"ssl://127.0.0.1:"
                + broker.tlsPort() + "\", \"username\": \"dev\", \"password\": \"" + BROKER_PASSWORD + "\", \"useClientCertificate\": true,"
                + " \"clientCertificate\": \"" + certificate + "\", \"clientKey\": \"" + key + "\", \"clientKeyPassword\": \""
                + KEY_PASSWORD + "\", \"useCaCertificate\": true, \"caCertificate\": \"" + ca + "\"}}");
        assertEquals(key, tls.getAsJsonObject("properties").get("clientKey").getAsString()); // a path, not a secret
        assertTrue(tls.getAsJsonObject("secrets").get("clientKeyPassword").getAsBoolean());
        JsonObject connected = awaitJson("connected over TLS", "/api/v1/interfaces/api-tls", o -> state(o).equals("connected"));
        assertEquals(Set.of("client", "ca"), Set.copyOf(texts(connected.getAsJsonObject("status").get("certificates"), "role")));

        Response test = api.call("POST", "/api/v1/interfaces/api-tls/test", null);
        assertEquals(test.body(), 200, test.status());
        JsonObject check = test.json().getAsJsonArray().get(0).getAsJsonObject();
        assertTrue(test.body(), check.get("ok").getAsBoolean());
        assertEquals(List.of("dns", "tcp", "tls", "connack", "puback", "qos"), texts(check.get("steps"), "name"));
        check.getAsJsonArray("steps").forEach(step -> assertTrue(step.toString(), step.getAsJsonObject().get("ok").getAsBoolean()));
    }

    @Test
    public void secretsAreKeptOrClearedAndFilesAndApiShowTheSame() throws Exception {
        created("/api/v1/interfaces", "{\"name\": \"api-file\", \"properties\": {\"address\": \"mqtt://127.0.0.1:" + broker.tcpPort()
                + "\", \"username\": \"dev\", \"password\": \"" + BROKER_PASSWORD + "\"}}");
        Path file = workDir().resolve("conf").resolve("flow.mqtt.interface-api-file.cfg");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        // the password left out is kept: the interface still logs in with it
        assertEquals(200, api.call("PUT", "/api/v1/interfaces/api-file", "{\"properties\": {\"address\": \"mqtt://127.0.0.1:"
                + broker.tcpPort() + "\", \"username\": \"dev\", \"qos\": 2}}").status());
        await("the change written back to the file", () -> read(file).contains("qos = 2") && read(file).contains("password = "));
        JsonObject kept = awaitJson("connected with the kept password", "/api/v1/interfaces/api-file",
                o -> state(o).equals("connected") && o.getAsJsonObject("properties").get("qos").getAsInt() == 2);
        assertTrue(kept.getAsJsonObject("secrets").get("password").getAsBoolean());

        Files.writeString(file, read(file).replace("qos = 2", "qos = 0")); // an operator edits the file
        awaitJson("the file's change in the API", "/api/v1/interfaces/api-file",
                o -> o.getAsJsonObject("properties").get("qos").getAsInt() == 0);
        Path byHand = workDir().resolve("conf").resolve("flow.mqtt.interface-by-hand.cfg");
        Files.writeString(byHand, "# written by hand\naddress = mqtt://127.0.0.1:1\n");
        awaitJson("a hand-written file in the API", "/api/v1/interfaces/by-hand", o -> o.get("name").getAsString().equals("by-hand"));
        // Edits in quick succession: each one is written just as the one before reaches Config Admin. FileInstall's
        // write-back (enableConfigSave) put the earlier value back over the later edit now and then, silently.
        for (int port = 3; port <= 12; port++) {
            String address = "mqtt://127.0.0.1:" + port;
            Path edit = byHand.resolveSibling(".by-hand.tmp");
            Files.writeString(edit, "# written by hand\naddress = " + address + "\n");
            Files.move(edit, byHand, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            awaitJson("edit " + address + " applied", "/api/v1/interfaces/by-hand",
                    o -> o.getAsJsonObject("properties").get("address").getAsString().equals(address));
        }
        assertTrue(read(byHand).contains("address = mqtt://127.0.0.1:12"));
        assertEquals(200, api.call("PUT", "/api/v1/interfaces/by-hand", "{\"properties\": {\"address\": \"mqtt://127.0.0.1:2\"}}").status());
        await("the API's change written back to the hand-written file", () -> read(byHand).contains("address = mqtt://127.0.0.1:2")
                && read(byHand).startsWith("# written by hand"));

        assertEquals(200, api.call("PUT", "/api/v1/interfaces/api-file", "{\"properties\": {\"password\": \"\"}}").status());
        assertFalse(api.get("/api/v1/interfaces/api-file").object().getAsJsonObject("secrets").get("password").getAsBoolean());
        await("the cleared password gone from the file", () -> !read(file).contains("password"));
        assertEquals(204, api.call("DELETE", "/api/v1/interfaces/api-file", null).status());
        assertEquals(204, api.call("DELETE", "/api/v1/interfaces/by-hand", null).status());
        await("both files gone", () -> !Files.exists(file) && !Files.exists(byHand));
    }

    @Test
    public void markupComesBackAsPlainJsonData() throws Exception {
        Response refused = api.call("POST", "/api/v1/interfaces", "{\"name\": \"" + MARKUP + "\"}");
        assertEquals(400, refused.status());
        assertEquals("application/json;charset=utf-8", refused.header("Content-Type").replace(" ", "").toLowerCase());
        assertEquals("nosniff", refused.header("X-Content-Type-Options"));
        assertFalse(refused.body(), refused.body().contains("<"));
        JsonObject problem = refused.object().getAsJsonArray("problems").get(0).getAsJsonObject();
        assertEquals("name", problem.get("property").getAsString());
        assertTrue(problem.get("message").getAsString().contains("'" + MARKUP + "'"));

        created("/api/v1/interfaces", "{\"name\": \"xss\", \"properties\": {\"username\": \"" + MARKUP + "\", \"address\": \"mqtt://127.0.0.1:1\"}}");
        Response shown = api.get("/api/v1/interfaces/xss");
        assertFalse(shown.body(), shown.body().contains("<"));
        assertEquals(MARKUP, shown.object().getAsJsonObject("properties").get("username").getAsString());
    }

    @Test
    public void wrongLoginsAreRefusedAndSlowedDownAndNoPasswordHashCloses503() throws Exception {
        OperatorApiClient stranger = new OperatorApiClient(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        Response wrong = stranger.anonymous("POST", "/api/v1/session", "{\"username\": \"admin\", \"password\": \"guess\"}");
        assertEquals(401, wrong.status());
        assertEquals("wrong username or password", wrong.object().get("error").getAsString());
        Response slowed = stranger.anonymous("POST", "/api/v1/session", "{\"username\": \"admin\", \"password\": \"" + OPERATOR_PASSWORD + "\"}");
        assertEquals(429, slowed.status());
        assertTrue(Integer.parseInt(slowed.header("Retry-After")) >= 1);
        assertEquals(200, stranger.login("admin", OPERATOR_PASSWORD, System.currentTimeMillis() + TIMEOUT).status());

        setOperator(null);
        await("503 without a password hash", () -> status("GET", "/api/v1/session") == 503);
        assertTrue(api.get("/api/v1/interfaces").object().get("error").getAsString().startsWith("no operator password is set"));
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private void setOperator(String passwordHash) throws Exception {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("username", "admin");
        if (passwordHash != null) {
            properties.put("passwordHash", passwordHash);
        }
        configAdmin.getConfiguration("flow.operator", "?").update(properties);
    }

    /** The status of an anonymous call; 0 while nothing listens. */
    private int status(String method, String path) {
        try {
            return api.anonymous(method, path, null).status();
        } catch (java.net.ConnectException notYet) {
            return 0;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private JsonObject created(String path, String body) throws Exception {
        Response response = api.call("POST", path, body);
        assertEquals(response.body(), 201, response.status());
        return response.object();
    }

    private String uploaded(String kind, Path pem) throws Exception {
        Response response = api.upload("/api/v1/files?kind=" + kind, Files.readAllBytes(pem), "application/x-pem-file");
        assertEquals(response.body(), 201, response.status());
        Path stored = Path.of(response.object().get("path").getAsString());
        assertEquals(workDir().resolve("data").resolve("certs"), stored.getParent());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stored)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stored.getParent())));
        return stored.toString();
    }

    private JsonObject call(String path) {
        try {
            Response response = api.get(path);
            assertEquals(response.body(), 200, response.status());
            return response.object();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Polls {@code GET path} until it answers 200 with a body that meets {@code condition}. */
    private JsonObject awaitJson(String what, String path, Predicate<JsonObject> condition) throws Exception {
        AtomicReference<Response> last = new AtomicReference<>();
        await(what, () -> {
            try {
                last.set(api.get(path));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return last.get().status() == 200 && condition.test(last.get().object());
        }, () -> last.get() == null ? "" : last.get().status() + " " + last.get().body());
        return last.get().object();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1) : "";
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
