package io.flowmqtt.webhook.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import io.flowmqtt.api.widgets.WidgetEventReport;
import io.flowmqtt.api.widgets.WidgetReporter;
import io.flowmqtt.api.widgets.WidgetSnapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class WebhookHandlerTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static final String TOKEN = "s3cret-token-0123456789";
    private static final String BODY = WebhookParserTest.VALUE;

    private final List<Object> reported = new ArrayList<>();
    private final WidgetReporter recorder = new WidgetReporter() {
        @Override
        public void report(WidgetSnapshot snapshot) {
            reported.add(snapshot);
        }

        @Override
        public void report(WidgetEventReport event) {
            reported.add(event);
        }
    };
    private WebhookSettings settings = WebhookSettings.of(true, "/flow/webhook", TOKEN, 4096, "");
    private WidgetReporter reporter = recorder;
    private final WebhookStats stats = new WebhookStats();
    private final WebhookHandler handler = new WebhookHandler(() -> settings, () -> reporter, stats, () -> 1_000L);

    @Test
    public void aGoodPostIsReportedAndAcknowledged() {
        WebhookHandler.Reply reply = post("Bearer " + TOKEN, null, "application/json", BODY);
        assertEquals(200, reply.status());
        assertEquals("{\"accepted\":1}", reply.body().toString());
        assertEquals(1, reported.size());
        assertEquals(12, ((WidgetSnapshot) reported.get(0)).widget().widgetId());
        assertEquals(1L, stats.snapshot().get("accepted"));
        assertEquals(1L, stats.snapshot().get("reports"));
        assertEquals(0L, stats.snapshot().get("rejected"));
    }

    @Test
    public void aBatchIsAcknowledgedWithItsSize() {
        WebhookHandler.Reply reply = post("Bearer " + TOKEN, null, "application/json; charset=UTF-8", "[" + BODY + "," + BODY + "]");
        assertEquals(200, reply.status());
        assertEquals(2, reply.body().get("accepted").getAsInt());
        assertEquals(2L, stats.snapshot().get("reports"));
    }

    @Test
    public void theTokenMayComeInTheQuery() {
        assertEquals(200, post(null, "a=1&token=" + TOKEN, "application/json", BODY).status());
        assertEquals(200, post(null, "token=" + TOKEN.replace("-", "%2D"), "application/json", BODY).status());
        assertEquals(200, post("bearer " + TOKEN, null, "application/json", BODY).status());
    }

    @Test
    public void aMissingOrWrongTokenIs401AndNothingIsReported() {
        assertError(post(null, null, "application/json", BODY), 401, "Unauthorized", "a valid token is required");
        assertError(post("Bearer wrong-token-0123456789", null, "application/json", BODY), 401, "Unauthorized", "a valid token is required");
        assertError(post("Basic " + TOKEN, null, "application/json", BODY), 401, "Unauthorized", "a valid token");
        assertError(post(null, "token=" + TOKEN + "x", "application/json", BODY), 401, "Unauthorized", "a valid token");
        assertError(post(null, "token=%zz", "application/json", BODY), 401, "Unauthorized", "a valid token");
        WebhookHandler.Reply reply = post("Bearer " + TOKEN.substring(1), null, "application/json", BODY);
        assertEquals("Bearer realm=\"flow-webhook\"", reply.headers().get("WWW-Authenticate"));
        assertTrue(reported.isEmpty());
        assertEquals(6L, stats.snapshot().get("rejected.unauthorized"));
    }

    @Test
    public void theTokenNeverAppearsInAnswersOrStatus() {
        post("Bearer " + TOKEN, null, "text/plain", BODY);
        post("Bearer " + TOKEN, null, "application/json", "{\"cube_id\": 1}");
        post(null, "token=" + TOKEN + "x", "application/json", BODY);
        assertFalse(stats.snapshot().toString().contains(TOKEN));
        assertFalse(settings.toString().contains(TOKEN));
    }

    @Test
    public void onlyPostIsAllowed() {
        for (String method : new String[] {"GET", "PUT", "DELETE", "HEAD", "OPTIONS"}) {
            WebhookHandler.Reply reply = handler.handle(new WebhookHandler.Request(method, null, "Bearer " + TOKEN, null, -1,
                    WebhookHandlerTest::empty));
            assertError(reply, 405, "Method Not Allowed", "only POST is accepted here, not " + method);
            assertEquals("POST", reply.headers().get("Allow"));
        }
        assertEquals(5L, stats.snapshot().get("rejected.method_not_allowed"));
    }

    @Test
    public void nonJsonContentTypesAre415() {
        assertError(post("Bearer " + TOKEN, null, "text/plain", BODY), 415, "Unsupported Media Type", "Content-Type must be application/json, not text/plain");
        assertError(post("Bearer " + TOKEN, null, "application/x-www-form-urlencoded", BODY), 415, "Unsupported Media Type", "Content-Type must be application/json");
        assertError(post("Bearer " + TOKEN, null, null, BODY), 415, "Unsupported Media Type", "Content-Type is missing");
        assertError(post("Bearer " + TOKEN, null, "application/json; charset=ISO-8859-1", BODY), 415, "Unsupported Media Type", "JSON must be sent as UTF-8");
        assertEquals(200, post("Bearer " + TOKEN, null, "Application/JSON;charset=\"utf-8\"", BODY).status());
        assertEquals(200, post("Bearer " + TOKEN, null, "application/vnd.flow+json", BODY).status());
    }

    @Test
    public void malformedBodiesAre400WithTheEnvelope() {
        assertError(post("Bearer " + TOKEN, null, "application/json", "{\"cube_id\": 3,"), 400, "Bad Request", "the body is not valid JSON");
        assertError(post("Bearer " + TOKEN, null, "application/json", BODY.replace("\"cube_id\": 3", "\"cube_id\": \"x\"")),
                400, "Bad Request", "cube_id: must be a non-negative integer");
        assertError(post("Bearer " + TOKEN, null, "application/json", "not json"), 400, "Bad Request", "the body is not valid JSON");
        assertTrue(reported.isEmpty());
        assertEquals(3L, stats.snapshot().get("rejected.bad_request"));
        assertTrue(String.valueOf(stats.snapshot().get("lastRejection")).startsWith("400 the body is not valid JSON"));
    }

    @Test
    public void aDeclaredLengthOverTheLimitIs413WithoutReading() {
        CountingStream body = new CountingStream(Long.MAX_VALUE);
        WebhookHandler.Reply reply = handler.handle(new WebhookHandler.Request("POST", "application/json", "Bearer " + TOKEN, null, 4097, () -> body));
        assertError(reply, 413, "Payload Too Large", "the body has 4097 bytes; at most 4096 are accepted");
        assertEquals("close", reply.headers().get("Connection"));
        assertEquals(0, body.read);
    }

    @Test
    public void aRefusedRequestNeverOpensItsBody() {
        WebhookHandler.Body mustNotOpen = () -> {
            throw new AssertionError("the body was opened, so the server would have sent 100 Continue");
        };
        assertEquals(405, handler.handle(new WebhookHandler.Request("PUT", "application/json", "Bearer " + TOKEN, null, 10, mustNotOpen)).status());
        assertEquals(401, handler.handle(new WebhookHandler.Request("POST", "application/json", "Bearer nope", null, 10, mustNotOpen)).status());
        assertEquals(415, handler.handle(new WebhookHandler.Request("POST", "text/csv", "Bearer " + TOKEN, null, 10, mustNotOpen)).status());
        assertEquals(413, handler.handle(new WebhookHandler.Request("POST", "application/json", "Bearer " + TOKEN, null, 5000, mustNotOpen)).status());
        reporter = null;
        assertEquals(503, handler.handle(new WebhookHandler.Request("POST", "application/json", "Bearer " + TOKEN, null, 10, mustNotOpen)).status());
    }

    @Test
    public void anUndeclaredHugeBodyStopsOneByteAfterTheLimit() {
        CountingStream body = new CountingStream(1L << 40); // a terabyte, never read
        WebhookHandler.Reply reply = handler.handle(new WebhookHandler.Request("POST", "application/json", "Bearer " + TOKEN, null, -1, () -> body));
        assertError(reply, 413, "Payload Too Large", "the body is larger than 4096 bytes");
        assertEquals(4097, body.read);
        assertEquals(1L, stats.snapshot().get("rejected.payload_too_large"));
    }

    @Test
    public void aBodyOfExactlyTheLimitIsRead() throws Exception {
        byte[] body = WebhookHandler.readAtMost(new CountingStream(4096), 4096);
        assertEquals(4096, body.length);
    }

    @Test
    public void aBodyThatBreaksOffIs400() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new java.io.EOFException("early EOF");
            }
        };
        assertError(handler.handle(new WebhookHandler.Request("POST", "application/json", "Bearer " + TOKEN, null, 100, () -> broken)),
                400, "Bad Request", "the body could not be read to its end (EOFException)");
    }

    @Test
    public void withoutTheWidgetsSourceItIs503() {
        reporter = null;
        assertError(post("Bearer " + TOKEN, null, "application/json", BODY), 503, "Service Unavailable", "the widgets source is not running");
        assertEquals(1L, stats.snapshot().get("rejected.unavailable"));
    }

    @Test
    public void disabledOrInvalidConfigurationIs503() {
        settings = WebhookSettings.of(false, "/flow/webhook", TOKEN, 4096, "");
        assertError(post("Bearer " + TOKEN, null, "application/json", BODY), 503, "Service Unavailable", "the webhook input is disabled");
        settings = WebhookSettings.of(true, "/flow/webhook", null, 4096, "");
        assertError(post(null, null, "application/json", BODY), 503, "Service Unavailable", "the webhook input has an invalid configuration");
    }

    @Test
    public void aFailingSourceIs500AndTheNextRequestWorks() {
        reporter = new WidgetReporter() {
            @Override
            public void report(WidgetSnapshot snapshot) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void report(WidgetEventReport event) {
                throw new IllegalStateException("boom");
            }
        };
        assertError(post("Bearer " + TOKEN, null, "application/json", BODY), 500, "Internal Server Error",
                "the widgets source failed on report 1 of 1: IllegalStateException");
        reporter = recorder;
        assertEquals(200, post("Bearer " + TOKEN, null, "application/json", BODY).status());
        assertEquals(1L, stats.snapshot().get("rejected.failed"));
        assertEquals(1L, stats.snapshot().get("accepted"));
    }

    @Test
    public void aBadRequestDoesNotDisturbTheNext() {
        assertEquals(400, post("Bearer " + TOKEN, null, "application/json", "[" + BODY + ", {\"cube_id\": \"x\"}]").status());
        assertTrue("a batch is all or nothing", reported.isEmpty());
        assertEquals(200, post("Bearer " + TOKEN, null, "application/json", BODY).status());
        assertEquals(1, reported.size());
        Map<String, Object> counters = stats.snapshot();
        assertEquals(1L, counters.get("accepted"));
        assertEquals(1L, counters.get("rejected"));
        assertEquals(1_000L, counters.get("lastAcceptedAt"));
    }

    @Test
    public void concurrentGoodAndBadRequestsDoNotDisturbEachOther() throws Exception {
        List<Object> all = java.util.Collections.synchronizedList(new ArrayList<>());
        reporter = new WidgetReporter() {
            @Override
            public void report(WidgetSnapshot snapshot) {
                all.add(snapshot);
            }

            @Override
            public void report(WidgetEventReport event) {
                all.add(event);
            }
        };
        String[] bad = {"{\"cube_id\": 3,", "[" + BODY + ", {\"cube_id\": \"x\"}]", "not json", " ".repeat(5000)};
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            int n = i;
            results.add(pool.submit(() -> n % 2 == 0
                    ? post("Bearer " + TOKEN, null, "application/json", BODY).status()
                    : post("Bearer " + TOKEN, null, "application/json", bad[n / 2 % bad.length]).status()));
        }
        for (int i = 0; i < results.size(); i++) {
            int status = results.get(i).get();
            assertEquals("request " + i, i % 2 == 0 ? 200 : (i / 2 % bad.length == 3 ? 413 : 400), status);
        }
        pool.shutdown();
        assertEquals(400, all.size());
        assertEquals(400L, stats.snapshot().get("accepted"));
        assertEquals(300L, stats.snapshot().get("rejected.bad_request"));
        assertEquals(100L, stats.snapshot().get("rejected.payload_too_large"));
    }

    private WebhookHandler.Reply post(String authorization, String query, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return handler.handle(new WebhookHandler.Request("POST", contentType, authorization, query, bytes.length,
                () -> new ByteArrayInputStream(bytes)));
    }

    private static InputStream empty() {
        return new ByteArrayInputStream(new byte[0]);
    }

    private static void assertError(WebhookHandler.Reply reply, int code, String reason, String messageStart) {
        assertEquals(reply.body().toString(), code, reply.status());
        assertEquals(1, reply.body().size());
        JsonObject error = reply.body().getAsJsonObject("error");
        assertEquals(code, error.get("code").getAsInt());
        assertEquals(reason, error.get("reason").getAsString());
        String message = error.get("message").getAsString();
        assertTrue("expected '" + messageStart + "...' but was '" + message + "'", message.startsWith(messageStart));
    }

    /** An endless (or {@code size}-byte) stream of spaces that counts what was read from it. */
    private static final class CountingStream extends InputStream {
        private final long size;
        long read;

        CountingStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (read >= size) {
                return -1;
            }
            read++;
            return ' ';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (read >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - read);
            java.util.Arrays.fill(b, off, off + n, (byte) ' ');
            read += n;
            return n;
        }
    }
}
