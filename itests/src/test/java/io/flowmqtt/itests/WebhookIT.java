package io.flowmqtt.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.flowmqtt.api.DeviceIdentity;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.api.status.OutputState;
import io.flowmqtt.api.status.OutputStatus;
import io.flowmqtt.testing.mosquitto.Mosquitto;
import io.flowmqtt.testing.mosquitto.TestSubscriber;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The webhook input in the real container: flow.webhook configured through Config Admin, Felix
 * Jetty on a free port, an interface and a widgets output against a real Mosquitto. A body POSTed
 * with java.net.http arrives as an MQTT message with its fields; malformed bodies, a wrong token,
 * an oversized body, a wrong content type and a wrong method are refused with FLOW's error envelope
 * and counted, and a good POST still works afterwards.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebhookIT extends FlowTestSupport {
    private static final String TOKEN = "itest-token-0123456789abcdef";
    private static final String PATH = "/flow/webhook";
    /** A value widget's body; every test uses its own widget, as the widgets source remembers open events. */
    private static final String VALUE_OF_WIDGET = "{\"block_name\": \"RCE Block\", \"cube_id\": 7, \"analytic_id\": 1, \"widget_id\": %d,"
            + " \"widget_name\": \"East arm count\", \"widget_type\": \"value\", \"timestamp\": \"2026-11-25T14:01:47.123Z\","
            + " \"time_block\": {\"start\": 1795615200000, \"end\": 1795615260000},"
            + " \"data\": {\"data_validity\": \"ok\", \"object_count\": %d, \"categories\": {\"car\": 4, \"bus\": 1}}}";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Mosquitto broker;
    private TestSubscriber subscriber;
    private String block;

    @Before
    public void startBrokerAndConfigure() throws Exception {
        broker = Mosquitto.in(workDir().resolve("broker")).tcp().start();
        block = service(DeviceIdentity.class, null).blockName();
        subscriber = TestSubscriber.connect(broker.tcpUrl(), "flow/" + block + "/widgets/#");
        configure("flow.mqtt.interface", "wh", Map.of("address", "mqtt://127.0.0.1:" + broker.tcpPort(), "qos", 1));
        configure("flow.mqtt.output", "wh-widgets", Map.of("interface", "wh", "source", "widgets", "widgets", "7/*/*"));
        await("interface wh connected", () -> {
            InterfaceStatus s = interfaceStatus("wh");
            return s != null && s.state() == ConnectionState.CONNECTED;
        }, () -> String.valueOf(interfaceStatus("wh")));
        await("output wh-widgets active", () -> {
            OutputStatus s = outputStatusQuietly("wh-widgets");
            return s != null && s.state() == OutputState.ACTIVE;
        }, () -> String.valueOf(outputStatusQuietly("wh-widgets")));
    }

    @After
    public void cleanUp() throws Exception {
        subscriber.close();
        configAdmin.getConfiguration("flow.webhook", "?").delete();
        deleteConfiguration("flow.mqtt.output", "wh-widgets");
        deleteConfiguration("flow.mqtt.interface", "wh");
        broker.stop();
    }

    @Test
    public void withoutItsConfigurationThereIsNoWebhook() throws Exception {
        awaitHttpServer();
        assertEquals(404, post("Bearer " + TOKEN, "application/json", value(20, 5)).statusCode());
        assertNull(webhookStatusReference());
    }

    @Test
    public void aPostedWidgetArrivesOverMqttWithItsFields() throws Exception {
        configureWebhook(Map.of("token", TOKEN));
        HttpResponse<String> response = firstPost("Bearer " + TOKEN, value(21, 5));
        assertEquals(response.body(), 200, response.statusCode());
        assertEquals(1, json(response).get("accepted").getAsInt());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));

        String topic = "flow/" + block + "/widgets/7/1/21";
        JsonObject payload = awaitPayload(topic, "created");
        assertEquals(block, payload.get("block_name").getAsString()); // the runtime's block name, not the body's
        assertEquals(7, payload.get("cube_id").getAsInt());
        assertEquals(1, payload.get("analytic_id").getAsInt());
        assertEquals(21, payload.get("widget_id").getAsInt());
        assertEquals("East arm count", payload.get("widget_name").getAsString());
        assertEquals("value", payload.get("widget_type").getAsString());
        assertEquals(1795615200000L, payload.getAsJsonObject("time_block").get("start").getAsLong());
        assertEquals(1795615260000L, payload.getAsJsonObject("time_block").get("end").getAsLong());
        assertEquals("ok", payload.getAsJsonObject("data").get("data_validity").getAsString());
        assertEquals(5, payload.getAsJsonObject("data").get("object_count").getAsInt());
        assertEquals(4, payload.getAsJsonObject("data").getAsJsonObject("categories").get("car").getAsInt());
        assertEquals("7-1-21-1795615200000", payload.get("event_id").getAsString());
        assertEquals(1795615307123L, payload.get("timestamp").getAsLong());

        // a batch, token in the query: an Events widget's event created and closed
        String event = "{\"cube_id\": 7, \"analytic_id\": 0, \"widget_id\": 4, \"widget_type\": \"events\", \"event_id\": \"traj-9\","
                + " \"event_state\": \"%s\", \"timestamp\": %d, \"data\": {\"data_validity\": \"ok\", \"object_count\": 1, \"category\": \"bus\"}}";
        String batch = "[" + String.format(event, "created", 1795615300000L) + ", " + String.format(event, "closed", 1795615303000L) + "]";
        response = send(HttpRequest.newBuilder(uri("?token=" + TOKEN)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batch)));
        assertEquals(response.body(), 200, response.statusCode());
        assertEquals(2, json(response).get("accepted").getAsInt());
        String eventTopic = "flow/" + block + "/widgets/7/0/4";
        JsonObject closed = awaitPayload(eventTopic, "closed");
        assertEquals("traj-9", closed.get("event_id").getAsString());
        assertEquals(2, closed.get("revision").getAsInt());
        assertEquals("bus", closed.getAsJsonObject("data").get("category").getAsString());
        assertEquals("created", awaitPayload(eventTopic, "created").get("event_state").getAsString());

        Map<String, Object> status = awaitStatusProperties(s -> Long.valueOf(2).equals(s.get("accepted")));
        assertEquals("ACTIVE", status.get("state"));
        assertEquals(3L, status.get("reports"));
        assertEquals(0L, status.get("rejected"));
    }

    @Test
    public void badRequestsAreRefusedWithTheErrorEnvelopeAndAGoodOneStillWorks() throws Exception {
        configureWebhook(Map.of("token", TOKEN, "maxBodyBytes", 4096));
        assertEquals(200, firstPost("Bearer " + TOKEN, value(23, 5)).statusCode());

        assertError(post("Bearer " + TOKEN, "application/json", "{\"cube_id\": 7, \"analytic_id\": "), 400, "Bad Request",
                "the body is not valid JSON: it ends early");
        assertError(post("Bearer " + TOKEN, "application/json", "this is not JSON"), 400, "Bad Request", "the body is not valid JSON");
        assertError(post("Bearer " + TOKEN, "application/json", value(23, 5).replace("\"cube_id\": 7", "\"cube_id\": \"x\"")), 400,
                "Bad Request", "cube_id: must be a non-negative integer, got the string \"x\"");
        assertError(post("Bearer " + TOKEN, "application/json", value(23, 5).replace("\"widget_id\": 23,", "")), 400, "Bad Request",
                "widget_id: required");
        assertError(post("Bearer " + TOKEN, "application/json", value(23, 5).replace("\"value\"", "\"heatmap\"")), 400, "Bad Request",
                "widget_type: the string \"heatmap\" is not supported");

        HttpResponse<String> unauthorized = post("Bearer not-the-token-0123456789", "application/json", value(23, 5));
        assertError(unauthorized, 401, "Unauthorized", "a valid token is required");
        assertTrue(unauthorized.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertError(post(null, "application/json", value(23, 5)), 401, "Unauthorized", "a valid token is required");

        String huge = "[" + (value(23, 5) + ",").repeat(20) + value(23, 5) + "]"; // about 9 KiB
        assertError(post("Bearer " + TOKEN, "application/json", huge), 413, "Payload Too Large", "the body has ");
        assertError(send(HttpRequest.newBuilder(uri("")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json") // no length: sent chunked, cut off at the limit
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes())))),
                413, "Payload Too Large", "the body is larger than 4096 bytes");

        assertError(post("Bearer " + TOKEN, "text/plain", value(23, 5)), 415, "Unsupported Media Type", "Content-Type must be application/json");
        HttpResponse<String> get = send(HttpRequest.newBuilder(uri("")).header("Authorization", "Bearer " + TOKEN).GET());
        assertError(get, 405, "Method Not Allowed", "only POST is accepted here");
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));

        // nothing of that disturbed the input: a good POST is reported and published
        String second = value(23, 6);
        assertEquals(200, post("Bearer " + TOKEN, "application/json", second).statusCode());
        JsonObject updated = awaitPayload("flow/" + block + "/widgets/7/1/23", "updated");
        assertEquals(6, updated.getAsJsonObject("data").get("object_count").getAsInt());

        Map<String, Object> expected = new HashMap<>(Map.of("accepted", 2L, "rejected", 11L, "rejected.bad_request", 5L,
                "rejected.unauthorized", 2L, "rejected.payload_too_large", 2L, "rejected.unsupported_media_type", 1L,
                "rejected.method_not_allowed", 1L, "rejected.unavailable", 0L, "rejected.failed", 0L));
        Map<String, Object> status = awaitStatusProperties(s -> expected.entrySet().stream()
                .allMatch(e -> e.getValue().equals(s.get(e.getKey()))));
        assertEquals(status.toString(), "ACTIVE", status.get("state"));
        assertTrue(String.valueOf(status.get("lastRejection")).startsWith("405 "));
        assertFalse(status.toString().contains(TOKEN));
    }

    @Test
    public void withoutTheWidgetsSourceItIs503UntilTheSourceIsBack() throws Exception {
        configureWebhook(Map.of("token", TOKEN));
        assertEquals(200, firstPost("Bearer " + TOKEN, value(25, 5)).statusCode());
        Bundle widgets = bundle("io.flowmqtt.source.widgets");
        widgets.stop();
        try {
            awaitStatusProperties(s -> "NO_REPORTER".equals(s.get("state")));
            assertError(post("Bearer " + TOKEN, "application/json", value(25, 5)), 503, "Service Unavailable", "the widgets source is not running");
        } finally {
            widgets.start();
        }
        awaitStatusProperties(s -> "ACTIVE".equals(s.get("state")));
        assertEquals(200, post("Bearer " + TOKEN, "application/json", value(25, 5)).statusCode());
    }

    @Test
    public void aChangedConfigurationAppliesLive() throws Exception {
        configureWebhook(Map.of("token", TOKEN));
        assertEquals(200, firstPost("Bearer " + TOKEN, value(24, 5)).statusCode());
        String otherToken = "another-token-9876543210";
        configureWebhook(Map.of("token", otherToken, "path", "/hooks/flow"));
        awaitStatusProperties(s -> "/hooks/flow".equals(s.get("path")));
        await("the old path to be gone", () -> {
            try {
                return post("Bearer " + otherToken, "application/json", value(24, 5)).statusCode() == 404;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        HttpResponse<String> moved = send(HttpRequest.newBuilder(URI.create(uri("").toString().replace(PATH, "/hooks/flow")))
                .header("Authorization", "Bearer " + otherToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(value(24, 8))));
        assertEquals(moved.body(), 200, moved.statusCode());
        assertEquals(8, awaitPayload("flow/" + block + "/widgets/7/1/24", "updated").getAsJsonObject("data").get("object_count").getAsInt());

        configureWebhook(Map.of("token", "short"));
        Map<String, Object> invalid = awaitStatusProperties(s -> "INVALID_CONFIGURATION".equals(s.get("state")));
        assertEquals("token: must have 16 to 1024 characters", invalid.get("detail"));
        assertError(post("Bearer short", "application/json", value(24, 5)), 503, "Service Unavailable", "the webhook input has an invalid configuration");
    }

    private static String value(int widgetId, int objectCount) {
        return String.format(VALUE_OF_WIDGET, widgetId, objectCount);
    }

    private void configureWebhook(Map<String, Object> properties) throws IOException {
        Dictionary<String, Object> dict = new Hashtable<>(properties);
        configAdmin.getConfiguration("flow.webhook", "?").update(dict);
    }

    private URI uri(String query) {
        return URI.create("http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port") + PATH + query);
    }

    private HttpResponse<String> post(String authorization, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("")).POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.header("Content-Type", contentType));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Jetty and the whiteboard start asynchronously: retry while the port is closed or the path unknown. */
    private HttpResponse<String> firstPost(String authorization, String body) throws Exception {
        awaitStatusProperties(s -> "ACTIVE".equals(s.get("state")));
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        await("the webhook servlet to answer", () -> {
            try {
                last.set(post(authorization, "application/json", body));
                return last.get().statusCode() != 404;
            } catch (ConnectException notYet) {
                return false;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        return last.get();
    }

    private void awaitHttpServer() throws Exception {
        await("the HTTP server to listen", () -> {
            try {
                post(null, "application/json", "{}");
                return true;
            } catch (ConnectException notYet) {
                return false;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private JsonObject awaitPayload(String topic, String state) throws InterruptedException {
        List<TestSubscriber.Received> all = subscriber.await(state + " on " + topic,
                messages -> messages.stream().anyMatch(m -> m.topic().equals(topic) && m.payload().contains("\"event_state\":\"" + state + "\"")),
                TIMEOUT);
        return all.stream().filter(m -> m.topic().equals(topic) && m.payload().contains("\"event_state\":\"" + state + "\""))
                .map(m -> JsonParser.parseString(m.payload()).getAsJsonObject()).findFirst().orElseThrow();
    }

    private static JsonObject json(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static void assertError(HttpResponse<String> response, int code, String reason, String messageStart) {
        assertEquals(response.body(), code, response.statusCode());
        JsonObject body = json(response);
        assertEquals(1, body.size());
        JsonObject error = body.getAsJsonObject("error");
        assertEquals(code, error.get("code").getAsInt());
        assertEquals(reason, error.get("reason").getAsString());
        String message = error.get("message").getAsString();
        assertTrue("expected '" + messageStart + "...' but was '" + message + "'", message.startsWith(messageStart));
    }

    private ServiceReference<?> webhookStatusReference() throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(flow.status=webhook)");
        return refs == null ? null : refs[0];
    }

    /** Waits until the status service's published properties satisfy {@code condition}; returns them. */
    private Map<String, Object> awaitStatusProperties(Predicate<Map<String, Object>> condition) throws Exception {
        AtomicReference<Map<String, Object>> last = new AtomicReference<>();
        await("the webhook status", () -> {
            last.set(statusProperties());
            return last.get() != null && condition.test(last.get());
        }, () -> last.get() + " live " + liveStatus());
        return last.get();
    }

    private Map<String, Object> statusProperties() {
        try {
            ServiceReference<?> ref = webhookStatusReference();
            if (ref == null) {
                return null;
            }
            Map<String, Object> properties = new HashMap<>();
            for (String key : ref.getPropertyKeys()) {
                properties.put(key, ref.getProperty(key));
            }
            return properties;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> liveStatus() {
        try {
            ServiceReference<?> ref = webhookStatusReference();
            if (ref == null) {
                return null;
            }
            Object service = context.getService(ref);
            try {
                return service == null ? null : ((Supplier<Map<String, Object>>) service).get();
            } finally {
                context.ungetService(ref);
            }
        } catch (Exception e) {
            return Map.of("error", e.toString());
        }
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private OutputStatus outputStatusQuietly(String name) {
        try {
            return outputStatus(name);
        } catch (Exception e) {
            return null;
        }
    }
}
