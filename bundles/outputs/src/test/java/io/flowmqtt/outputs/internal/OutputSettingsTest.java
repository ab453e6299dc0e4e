package io.flowmqtt.outputs.internal;

import static io.flowmqtt.outputs.internal.Fakes.config;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.flowmqtt.api.EventState;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class OutputSettingsTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);


    @Test
    public void intervals() throws Exception {
        assertEquals(Duration.ofMillis(500), OutputSettings.parseInterval("500ms"));
        assertEquals(Duration.ofSeconds(30), OutputSettings.parseInterval("30s"));
        assertEquals(Duration.ofMinutes(5), OutputSettings.parseInterval("5m"));
        assertEquals(Duration.ofHours(1), OutputSettings.parseInterval("1h"));
        assertEquals(Duration.ofSeconds(60), OutputSettings.parseInterval("60"));
        assertEquals(Duration.ofSeconds(30), OutputSettings.parseInterval(" 30 S "));
        assertEquals(Duration.ofMillis(100), OutputSettings.parseInterval("100ms"));
        assertEquals(Duration.ofSeconds(1), OutputSettings.parseInterval("1"));
    }

    @Test
    public void tooSmallIntervalsAreRejected() {
        for (String text : new String[] {"99ms", "0", "0s", "0ms"}) {
            String message = intervalFailure(text);
            assertTrue(message, message.startsWith("interval: must be at least 100 ms"));
        }
    }

    @Test
    public void unreadableIntervalsAreRejected() {
        for (String text : new String[] {"", "abc", "-5", "5d", "1.5s", "s", "10 minutes", null}) {
            String message = intervalFailure(text);
            assertTrue(message, message.startsWith("interval: "));
            assertTrue(message, message.contains("is not a duration"));
        }
    }

    @Test
    public void defaults() throws Exception {
        OutputSettings s = OutputSettings.from(config("interface", "plant1"), "counts");
        assertEquals("counts", s.name());
        assertTrue(s.enabled());
        assertEquals("plant1", s.interfaceName());
        assertEquals("widgets", s.source());
        assertTrue(s.widgets().matches("1/2/3"));
        assertEquals(EnumSet.allOf(EventState.class), s.policy().states());
        assertEquals(-1, s.qos());
        assertFalse(s.retain());
        assertEquals(Duration.ofSeconds(60), s.interval());
        assertEquals("widgets", s.topicBase());
        assertEquals(0, s.minUpdateIntervalMillis());
    }

    @Test
    public void explicitValues() throws Exception {
        OutputSettings s = OutputSettings.from(config("name", " North ", "interface", " plant1 ", "source", "SYSTEM",
                "policy", "close", "qos", 2, "retain", true, "interval", "500ms", "topic", "diag/sys",
                "minUpdateInterval", "250ms", "enabled", false), "x");
        assertEquals("North", s.name());
        assertEquals("plant1", s.interfaceName());
        assertEquals("system", s.source());
        assertEquals(EnumSet.of(EventState.CLOSED), s.policy().states());
        assertEquals(2, s.qos());
        assertTrue(s.retain());
        assertEquals(Duration.ofMillis(500), s.interval());
        assertEquals("diag/sys", s.topicBase());
        assertEquals(250, s.minUpdateIntervalMillis());
        assertFalse(s.enabled());
    }

    @Test
    public void theMinimumUpdateIntervalTakesAUnitLikeTheIntervalAndABareNumberIsSeconds() throws Exception {
        assertEquals(2000, OutputSettings.from(config("interface", "i", "minUpdateInterval", "2"), "o").minUpdateIntervalMillis());
        assertEquals(1500, OutputSettings.from(config("interface", "i", "minUpdateInterval", "1500ms"), "o").minUpdateIntervalMillis());
        assertEquals(0, OutputSettings.from(config("interface", "i", "minUpdateInterval", "0"), "o").minUpdateIntervalMillis());
    }

    @Test
    public void theDeprecatedMillisecondsPropertyIsStillRead() throws Exception {
        OutputConfig plain = config("interface", "i");
        assertEquals(250, OutputSettings.from(plain, "o", Map.of("minUpdateIntervalMillis", 250L)).minUpdateIntervalMillis());
        assertEquals(2000, OutputSettings.from(plain, "o", Map.of("minUpdateIntervalMillis", " 2000")).minUpdateIntervalMillis());
        try {
            OutputSettings.from(plain, "o", Map.of("minUpdateIntervalMillis", -1L));
            fail();
        } catch (InvalidOutputException e) {
            assertEquals("minUpdateIntervalMillis: must not be negative", e.getMessage());
        }
        try {
            OutputSettings.from(config("interface", "i", "minUpdateInterval", "2s"), "o", Map.of("minUpdateIntervalMillis", 250L));
            fail();
        } catch (InvalidOutputException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("give only minUpdateInterval"));
        }
    }

    @Test
    public void subTopic() throws Exception {
        assertEquals("widgets/3/0/12", OutputSettings.from(config("interface", "i"), "o").subTopic("3/0/12"));
        assertEquals("counts/north/3/0/12", OutputSettings.from(config("interface", "i", "topic", "counts/north"), "o").subTopic("3/0/12"));
        assertEquals("system", OutputSettings.from(config("interface", "i", "source", "system"), "o").subTopic(""));
        assertEquals("diag", OutputSettings.from(config("interface", "i", "source", "system", "topic", "diag"), "o").subTopic(""));
    }

    @Test
    public void badTopicOverridesAreRejected() {
        for (String topic : new String[] {"a//b", "/a", "a/", "a/#", "a/+/b", "+", "a/\u0000"}) {
            String message = failure(config("interface", "i", "topic", topic));
            assertTrue(topic + " -> " + message, message.startsWith("topic: '"));
        }
    }

    @Test
    public void theStatusLevelIsReservedForTheInterface() {
        assertTrue(failure(config("interface", "i", "source", "status")).startsWith("source: the topic level 'status' is reserved"));
        assertTrue(failure(config("interface", "i", "topic", "status/x")).startsWith("topic: the topic level 'status' is reserved"));
    }

    @Test
    public void missingInterfaceIsRejected() {
        for (String name : new String[] {"", "  "}) {
            String message = failure(config("interface", name));
            assertTrue(message, message.startsWith("interface: is required"));
        }
        assertTrue(failure(config()).startsWith("interface: "));
    }

    @Test
    public void otherInvalidValuesNameTheirProperty() {
        assertTrue(failure(config("interface", "i", "qos", 3)).startsWith("qos: "));
        assertTrue(failure(config("interface", "i", "qos", -2)).startsWith("qos: "));
        assertTrue(failure(config("interface", "i", "minUpdateInterval", "-1")).startsWith("minUpdateInterval: "));
        assertTrue(failure(config("interface", "i", "minUpdateInterval", "5d")).startsWith("minUpdateInterval: "));
        assertTrue(failure(config("interface", "i", "source", "sys tem")).startsWith("source: "));
        assertTrue(failure(config("interface", "i", "source", "")).startsWith("source: "));
        assertTrue(failure(config("interface", "i", "name", "a/b")).startsWith("name: "));
        assertTrue(failure(config("interface", "i", "policy", "creat")).startsWith("policy: 'creat'"));
        assertTrue(failure(config("interface", "i", "widgets", "1/x/3")).startsWith("widgets: "));
        assertTrue(failure(config("interface", "i", "interval", "5d")).startsWith("interval: "));
    }

    private static String failure(OutputConfig config) {
        try {
            OutputSettings.from(config, "o");
        } catch (InvalidOutputException e) {
            return e.getMessage();
        }
        fail(config + " was accepted");
        return null;
    }

    private static String intervalFailure(String text) {
        try {
            OutputSettings.parseInterval(text);
        } catch (InvalidOutputException e) {
            return e.getMessage();
        }
        fail("'" + text + "' was accepted");
        return null;
    }
}
