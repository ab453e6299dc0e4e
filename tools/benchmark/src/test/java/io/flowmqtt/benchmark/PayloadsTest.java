package io.flowmqtt.benchmark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class PayloadsTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void theBodyIsAValidWebhookValueWidget() {
        String body = new String(Payloads.body(3, 42, 7, 123_456_789L), StandardCharsets.UTF_8);
        assertTrue(body, body.startsWith("{\"block_name\":\"bench-block\",\"cube_id\":1,\"analytic_id\":0,\"widget_id\":3,"));
        assertTrue(body, body.contains("\"widget_type\":\"value\""));
        assertTrue(body, body.contains("\"data\":{\"data_validity\":\"ok\",\"object_count\":7,"));
        assertFalse("no time block: one long-lived event per widget", body.contains("time_block"));
    }

    @Test
    public void consecutiveBodiesDifferSoEachIsPublished() {
        assertFalse(new String(Payloads.body(1, 1, 1, 5)).equals(new String(Payloads.body(1, 1, 2, 5))));
    }

    @Test
    public void theMarkSurvivesTheEnvelopeEitherBridgeAdds() {
        String body = new String(Payloads.body(3, 42, 7, 123_456_789L), StandardCharsets.UTF_8);
        // what the runtime publishes: the body's fields, then the envelope
        String message = body.substring(0, body.length() - 1) + ",\"device_id\":\"bench-block\",\"event_state\":\"updated\",\"seq\":9}";
        Payloads.Mark mark = Payloads.mark(message.getBytes(StandardCharsets.UTF_8));
        assertEquals(new Payloads.Mark(42, 7, 123_456_789L), mark);
    }

    @Test
    public void negativeDueTimesAreRead() {
        // System.nanoTime() may be negative
        Payloads.Mark mark = Payloads.mark(Payloads.body(1, 2, 3, -987_654_321L));
        assertEquals(-987_654_321L, mark.dueNanos());
    }

    @Test
    public void messagesWithoutAMarkAreNotCounted() {
        assertNull(Payloads.mark("online".getBytes(StandardCharsets.UTF_8)));
        assertNull(Payloads.mark("{\"bench_round\":1,\"bench_seq\":2}".getBytes(StandardCharsets.UTF_8)));
        assertNull(Payloads.mark("{\"bench_round\":x,\"bench_seq\":2,\"bench_due\":3}".getBytes(StandardCharsets.UTF_8)));
    }
}
