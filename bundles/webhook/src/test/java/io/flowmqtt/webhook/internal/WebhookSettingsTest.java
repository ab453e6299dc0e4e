package io.flowmqtt.webhook.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.widgets.WidgetType;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class WebhookSettingsTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static final String TOKEN = "0123456789abcdef";

    @Test
    public void aValidConfiguration() {
        WebhookSettings s = WebhookSettings.of(true, " /flow/webhook ", TOKEN, 1024, "events");
        assertNull(s.problem());
        assertEquals("/flow/webhook", s.path());
        assertEquals(WidgetType.EVENTS, s.defaultWidgetType());
        assertTrue(s.tokenMatches(TOKEN));
        assertFalse(s.tokenMatches(TOKEN + "0"));
        assertFalse(s.tokenMatches(TOKEN.substring(1)));
        assertFalse(s.tokenMatches(null));
        assertNull(WebhookSettings.of(true, "/flow/webhook", TOKEN, 1024, "").defaultWidgetType());
    }

    @Test
    public void theTokenIsRequiredAndReasonable() {
        assertEquals("token: required; every request must carry it (Authorization: Bearer <token> or ?token=<token>)",
                WebhookSettings.of(true, "/w", null, 4096, "").problem());
        assertEquals("token: must have 16 to 1024 characters", WebhookSettings.of(true, "/w", "short", 4096, "").problem());
        assertEquals("token: must not contain spaces or control characters",
                WebhookSettings.of(true, "/w", "0123456789 abcdef", 4096, "").problem());
        assertFalse(WebhookSettings.of(true, "/w", null, 4096, "").tokenMatches(""));
    }

    @Test
    public void everyBadPropertyIsNamed() {
        WebhookSettings s = WebhookSettings.of(true, "flow/*", TOKEN, 10, "heatmap");
        assertNull(s.path());
        assertTrue(s.problem(), s.problem().startsWith("path: 'flow/*' is not usable"));
        assertTrue(s.problem(), s.problem().contains("; maxBodyBytes: must be 1024 to 16777216, is 10"));
        assertTrue(s.problem(), s.problem().contains("; defaultWidgetType: 'heatmap' is unknown"));
        for (String path : new String[] {"", "/", "//x", "/a//b", "/a/", "/a b", "/a?b", "/a#b", "/a/*"}) {
            assertNull(path, WebhookSettings.of(true, path, TOKEN, 4096, "").path());
        }
        assertEquals("/hooks/flow-1/v2.0", WebhookSettings.of(true, "/hooks/flow-1/v2.0", TOKEN, 4096, "").path());
    }

    @Test
    public void toStringNeverShowsTheToken() {
        String text = WebhookSettings.of(true, "/w", TOKEN, 4096, "").toString();
        assertFalse(text, text.contains(TOKEN));
        assertTrue(text, text.contains("token=***"));
    }
}
