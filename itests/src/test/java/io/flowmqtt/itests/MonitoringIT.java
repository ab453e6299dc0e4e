package io.flowmqtt.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.flowmqtt.api.DeviceIdentity;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.Counters;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.api.status.OutputState;
import io.flowmqtt.api.status.OutputStatus;
import io.flowmqtt.api.widgets.WidgetRef;
import io.flowmqtt.api.widgets.WidgetReporter;
import io.flowmqtt.api.widgets.WidgetSnapshot;
import io.flowmqtt.api.widgets.WidgetType;
import io.flowmqtt.itests.OperatorApiClient.Response;
import io.flowmqtt.testing.mosquitto.Mosquitto;
import io.flowmqtt.testing.mosquitto.TestSubscriber;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Health and metrics in the real container, over real HTTP, against a real Mosquitto: an interface that is
 * connected and one that points at a port where nothing listens, an output publishing widgets through the first.
 * {@code /metrics} shows both interfaces' counters, the same numbers as their status and as many deliveries as
 * the subscriber got, to the metrics token and to a logged-in operator, and to nobody else; the Felix health
 * checks say OK for the connected interface and WARN, with the reason, for the other, through the executor
 * service and at {@code /system/health}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MonitoringIT extends FlowTestSupport {
    private static final String TOKEN = "9c2f6e1d8b4a7053e6d1c9b8a7f6e5d4c3b2a19087f6e5d4c3b2a1908f7e6d5c";
    private static final String OPERATOR_PASSWORD = "operator-pass-2718";
    private static final String HC_SERVLET_PID = "org.apache.felix.hc.core.impl.servlet.HealthCheckExecutorServlet";
    private static final int WIDGETS = 3;

    @Rule
    public Timeout timeout = Timeout.seconds(180);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Mosquitto broker;
    private TestSubscriber subscriber;
    private OperatorApiClient api;
    private int deadPort;

    @Before
    public void configure() throws Exception {
        broker = Mosquitto.in(workDir().resolve("broker")).tcp().start();
        deadPort = Mosquitto.freePort(); // nothing listens there
        String block = service(DeviceIdentity.class, null).blockName();
        // subscribed before the interface exists: it gets every message the interface delivers, "online" included
        subscriber = TestSubscriber.connect(broker.tcpUrl(), "flow/" + block + "/#");

        Hashtable<String, Object> operator = new Hashtable<>(Map.of("username", "admin",
                "passwordHash", OperatorApiClient.passwordHash(OPERATOR_PASSWORD)));
        configAdmin.getConfiguration("flow.operator", "?").update(operator);
        Hashtable<String, Object> monitoring = new Hashtable<>(Map.of("metricsTokenHash", "sha256:" + HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.UTF_8)))));
        configAdmin.getConfiguration("flow.monitoring", "?").update(monitoring);
        // as the runtime's conf/org.apache.felix.hc.core.impl.servlet.HealthCheckExecutorServlet-flow.cfg
        configure(HC_SERVLET_PID, "flow", Map.of("servletPath", "/system/health", "servletContextName", "flow-monitoring",
                "tags", "flow", "format", "json", "cors.accessControlAllowOrigin", ""));

        configure("flow.mqtt.interface", "live", Map.of("address", broker.tcpUrl(), "qos", "1"));
        configure("flow.mqtt.interface", "dead", Map.of("address", "mqtt://127.0.0.1:" + deadPort,
                "reconnectMinMillis", "200", "reconnectMaxMillis", "1000"));
        configure("flow.mqtt.output", "counts", Map.of("interface", "live", "source", "widgets", "widgets", "7/*/*"));

        api = new OperatorApiClient(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        Response login = api.login("admin", OPERATOR_PASSWORD, System.currentTimeMillis() + TIMEOUT);
        assertEquals(login.body(), 200, login.status());
    }

    @After
    public void cleanUp() throws Exception {
        deleteConfiguration("flow.mqtt.output", "counts");
        deleteConfiguration("flow.mqtt.interface", "live");
        deleteConfiguration("flow.mqtt.interface", "dead");
        subscriber.close();
        broker.stop();
    }

    @Test
    public void metricsShowEveryInterfacesCountersToTheTokenAndToTheOperatorOnly() throws Exception {
        await("interface live connected and its output active", () -> state("live") == ConnectionState.CONNECTED
                && outputActive("counts"));
        WidgetReporter reporter = service(WidgetReporter.class, null);
        for (int widget = 1; widget <= WIDGETS; widget++) {
            JsonObject data = new JsonObject();
            data.addProperty("data_validity", "ok");
            data.addProperty("object_count", widget);
            reporter.report(new WidgetSnapshot(new WidgetRef(7, 0, widget, "count " + widget, WidgetType.VALUE), null,
                    System.currentTimeMillis(), data));
        }
        subscriber.awaitData(WIDGETS, TIMEOUT);

        // every message the interface delivered from its queue reached the subscriber: the two numbers meet (the
        // interface's own status messages, "online" and the owner announcement, bypass the queue and its counters)
        await("delivered_total of live equal to what the subscriber got", () -> {
            Double delivered = sample(scrape(), "flow_mqtt_interface_delivered_total{interface=\"live\"}");
            return delivered != null && delivered.longValue() == subscriber.data().size()
                    && interfaceStatus("live").counters().queued() == 0;
        }, () -> "subscriber got " + subscriber.data().size() + " data messages; metrics:\n" + scrapeQuietly());
        await("interface dead retried", () -> interfaceStatus("dead").counters().reconnects() >= 2);

        // counters only grow: each sample lies between the status read before the scrape and the one after it
        // (interface dead keeps retrying meanwhile)
        Map<String, Counters> before = Map.of("live", interfaceStatus("live").counters(), "dead", interfaceStatus("dead").counters());
        String text = scrape();
        Map<String, Counters> after = Map.of("live", interfaceStatus("live").counters(), "dead", interfaceStatus("dead").counters());
        Map<String, ToLongFunction<Counters>> metrics = new LinkedHashMap<>();
        metrics.put("flow_mqtt_interface_accepted_total", Counters::accepted);
        metrics.put("flow_mqtt_interface_published_total", Counters::published);
        metrics.put("flow_mqtt_interface_delivered_total", Counters::delivered);
        metrics.put("flow_mqtt_interface_dropped_total", Counters::dropped);
        metrics.put("flow_mqtt_interface_rejected_total", Counters::rejected);
        metrics.put("flow_mqtt_interface_failed_total", Counters::failed);
        metrics.put("flow_mqtt_interface_connects_total", Counters::connects);
        metrics.put("flow_mqtt_interface_reconnects_total", Counters::reconnects);
        metrics.put("flow_mqtt_interface_queued_messages", Counters::queued);
        metrics.put("flow_mqtt_interface_queued_bytes", Counters::queuedBytes);
        metrics.put("flow_mqtt_interface_dead_letters", Counters::deadLettered);
        for (String name : List.of("live", "dead")) {
            metrics.forEach((metric, counter) -> {
                String series = metric + "{interface=\"" + name + "\"}";
                long low = Math.min(counter.applyAsLong(before.get(name)), counter.applyAsLong(after.get(name)));
                long high = Math.max(counter.applyAsLong(before.get(name)), counter.applyAsLong(after.get(name)));
                double value = value(text, series);
                assertTrue(series + " = " + value + ", the status said " + low + " to " + high + ", in\n" + text,
                        value >= low && value <= high);
            });
        }
        assertEquals(text, (double) WIDGETS, value(text, "flow_mqtt_interface_delivered_total{interface=\"live\"}"), 0.0);
        assertEquals(WIDGETS, subscriber.data().size());
        assertEquals(text, 1.0, value(text, "flow_mqtt_interface_state{interface=\"live\",state=\"connected\"}"), 0.0);
        assertEquals(text, 0.0, value(text, "flow_mqtt_interface_state{interface=\"dead\",state=\"connected\"}"), 0.0);
        assertEquals(text, 0.0, value(text, "flow_mqtt_interface_connects_total{interface=\"dead\"}"), 0.0);
        String output = "{interface=\"live\",output=\"counts\",source=\"widgets\"}";
        assertEquals(text, (double) WIDGETS, value(text, "flow_mqtt_output_published_total" + output), 0.0);
        assertEquals(text, (double) WIDGETS, value(text, "flow_mqtt_output_received_total" + output), 0.0);
        for (String metric : List.of("flow_mqtt_output_filtered_total", "flow_mqtt_output_coalesced_total", "flow_mqtt_output_rejected_total")) {
            assertEquals(text, 0.0, value(text, metric + output), 0.0);
        }

        // the same page to the operator's session cookie; nothing without credentials or with a wrong token
        Response operator = api.get("/metrics");
        assertEquals(operator.body(), 200, operator.status());
        assertTrue(operator.body(), operator.body().contains("flow_mqtt_interface_delivered_total{interface=\"dead\"}"));
        for (String[] refused : new String[][] {{"/metrics", null}, {"/metrics", "Bearer wrong-token"},
            {"/metrics", "Basic YWRtaW46b3BlcmF0b3ItcGFzcy0yNzE4"}, {"/system/health", null}}) {
            HttpResponse<String> response = get(refused[0], refused[1]);
            assertEquals(refused[0] + " " + refused[1] + ": " + response.body(), 401, response.statusCode());
            assertEquals("Bearer realm=\"flow-monitoring\"", response.headers().firstValue("WWW-Authenticate").orElse(null));
        }
        // the operator API beside it still answers with its own login
        assertEquals(200, api.get("/api/v1/session").status());
    }

    @Test
    public void healthChecksAreOkForTheConnectedInterfaceAndWarnWithTheReasonForTheOther() throws Exception {
        HealthCheckExecutor executor = service(HealthCheckExecutor.class, null);
        String dead = "127.0.0.1:" + deadPort;
        Map<String, Result> results = new HashMap<>();
        await("health: live OK, dead WARN naming its broker, output counts OK", () -> {
            results.clear();
            for (HealthCheckExecutionResult r : executor.execute(HealthCheckSelector.tags("flow"))) {
                results.put(r.getHealthCheckMetadata().getName(), r.getHealthCheckResult());
            }
            Result deadResult = results.get("MQTT interface dead");
            return status(results.get("MQTT interface live")) == Result.Status.OK
                    && status(results.get("MQTT output counts")) == Result.Status.OK
                    && status(deadResult) == Result.Status.WARN
                    && messages(deadResult).stream().anyMatch(m -> m.startsWith("WARN ") && m.contains(dead));
        }, results::toString);
        assertTrue(messages(results.get("MQTT interface live")).toString(),
                messages(results.get("MQTT interface live")).contains("OK connected to " + broker.tcpUrl()));
        assertEquals(List.of("flow", "mqtt-interface", "dead"),
                executor.execute(HealthCheckSelector.names("MQTT interface dead")).get(0).getHealthCheckMetadata().getTags());

        // the Felix servlet, in the monitoring context: the token is let in, WARN is answered with 200 and says why
        await("/system/health.json with both interfaces and the output", () -> {
            HttpResponse<String> response = get("/system/health.json", "Bearer " + TOKEN);
            if (response.statusCode() != 200) {
                return false;
            }
            JsonObject health = JsonParser.parseString(response.body()).getAsJsonObject();
            Map<String, JsonObject> byName = new HashMap<>();
            for (JsonElement e : health.getAsJsonArray("results")) {
                byName.put(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject());
            }
            return health.get("overallResult").getAsString().equals("WARN") && byName.size() == 3
                    && byName.get("MQTT interface live").get("status").getAsString().equals("OK")
                    && byName.get("MQTT interface dead").get("status").getAsString().equals("WARN")
                    && byName.get("MQTT interface dead").toString().contains(dead);
        }, () -> get("/system/health.json", "Bearer " + TOKEN).body());
        Response operator = api.get("/system/health.txt");
        assertEquals(operator.body(), 200, operator.status());
        assertEquals("WARN", operator.body().strip());

        // an interface deleted: its check goes with it
        deleteConfiguration("flow.mqtt.interface", "dead");
        await("the check of dead gone", () -> executor.execute(HealthCheckSelector.names("MQTT interface dead")).stream()
                .noneMatch(r -> r.getHealthCheckMetadata().getName().equals("MQTT interface dead")));
    }

    private ConnectionState state(String name) {
        InterfaceStatus status = interfaceStatus(name);
        return status == null ? null : status.state();
    }

    private boolean outputActive(String name) {
        try {
            OutputStatus status = outputStatus(name);
            return status != null && status.state() == OutputState.ACTIVE;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** GET with the metrics token. */
    private String scrape() {
        HttpResponse<String> response = get("/metrics", "Bearer " + TOKEN);
        assertEquals(response.body(), 200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type").orElse(null));
        return response.body();
    }

    private String scrapeQuietly() {
        try {
            return scrape();
        } catch (AssertionError e) {
            return e.getMessage();
        }
    }

    private HttpResponse<String> get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + context.getProperty("org.osgi.service.http.port") + path)).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(path, e);
        }
    }

    private static double value(String text, String series) {
        Double value = sample(text, series);
        if (value == null) {
            throw new AssertionError("no sample " + series + " in\n" + text);
        }
        return value;
    }

    /** The value of the sample {@code series} (name and labels as written), or {@code null} when it is not there. */
    private static Double sample(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.valueOf(line.substring(series.length() + 1).strip());
            }
        }
        return null;
    }

    private static Result.Status status(Result result) {
        return result == null ? null : result.getStatus();
    }

    private static List<String> messages(Result result) {
        List<String> messages = new ArrayList<>();
        for (ResultLog.Entry entry : result) {
            messages.add(entry.getStatus() + " " + entry.getMessage());
        }
        return messages;
    }
}
