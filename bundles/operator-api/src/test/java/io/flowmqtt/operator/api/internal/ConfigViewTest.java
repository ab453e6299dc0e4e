package io.flowmqtt.operator.api.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import io.flowmqtt.operator.api.internal.ConfigurationStore.Stored;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/** Secret masking and the shape of a configuration as the API shows it. */
public class ConfigViewTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    private static final String KEY = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----\n";
    private final ConfigView view = new ConfigView(Kind.INTERFACES, s -> Optional.of(status("connected")));

    private static JsonObject status(String state) {
        JsonObject o = new JsonObject();
        o.addProperty("state", state);
        return o;
    }

    private static Stored stored(Map<String, Object> properties) {
        return new Stored("flow.mqtt.interface~plant1", "plant1", "plant1", properties, null);
    }

    @Test
    public void secretsAreNeverShownOnlyWhetherTheyAreSet() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("password", "hunter2-secret");
        p.put("clientKeyPassword", "");
        p.put("clientKey", KEY);
        p.put("pasword", "typo-secret"); // not a property of the metatype: not shown either
        JsonObject shown = view.of(stored(p), Optional.of(Fixtures.interfaceTypes()));
        String text = Json.GSON.toJson(shown);
        assertFalse(text, text.contains("hunter2-secret") || text.contains("typo-secret") || text.contains("MIIEvQ"));
        JsonObject properties = shown.getAsJsonObject("properties");
        assertFalse(properties.has("password") || properties.has("clientKeyPassword") || properties.has("clientKey")
                || properties.has("pasword"));
        JsonObject secrets = shown.getAsJsonObject("secrets");
        assertTrue(secrets.get("password").getAsBoolean());
        assertFalse(secrets.get("clientKeyPassword").getAsBoolean());
        assertTrue(secrets.get("clientKey").getAsBoolean());
        assertEquals(3, secrets.size());
    }

    @Test
    public void aKeyFileIsShownByItsPath() {
        JsonObject shown = view.of(stored(Map.of("clientKey", "/opt/flow/data/certs/ab12.pem")), Optional.of(Fixtures.interfaceTypes()));
        assertEquals("/opt/flow/data/certs/ab12.pem", shown.getAsJsonObject("properties").get("clientKey").getAsString());
        assertFalse(shown.getAsJsonObject("secrets").get("clientKey").getAsBoolean());
        assertFalse(shown.getAsJsonObject("secrets").get("password").getAsBoolean());
    }

    @Test
    public void everyPropertyIsShownWithItsTypeAndDefault() {
        Map<String, Object> p = Map.of("qos", "2", "enabled", "false", "queueMaxBytes", 1024L, "address", "ssl://b:8883",
                "username", "<img src=x onerror=alert(1)>", "topicPrefix", "x", "name", "  ");
        JsonObject shown = view.of(stored(p), Optional.of(Fixtures.interfaceTypes()));
        JsonObject properties = shown.getAsJsonObject("properties");
        assertEquals("plant1", shown.get("name").getAsString());
        assertEquals("plant1", properties.get("name").getAsString()); // empty: the instance name, as the interface uses
        assertEquals(2, properties.get("qos").getAsInt());
        assertTrue(properties.get("qos").getAsJsonPrimitive().isNumber());
        assertFalse(properties.get("enabled").getAsBoolean());
        assertEquals(1024L, properties.get("queueMaxBytes").getAsLong());
        assertEquals("<img src=x onerror=alert(1)>", properties.get("username").getAsString());
        assertEquals("", properties.get("clientCertificate").getAsString());
        assertFalse(properties.has("webconsole.configurationFactory.nameHint"));
        assertEquals("connected", shown.getAsJsonObject("status").get("state").getAsString());
        // in the JSON text the markup is escaped, as Gson does by default
        assertTrue(Json.GSON.toJson(shown).contains("\\u003cimg src\\u003dx onerror\\u003dalert(1)\\u003e"));

        JsonObject odd = view.of(stored(Map.of("qos", "two")), Optional.of(Fixtures.interfaceTypes()));
        assertEquals("two", odd.getAsJsonObject("properties").get("qos").getAsString()); // a bad file value is shown as it is
        JsonObject defaults = view.of(stored(Map.of()), Optional.of(Fixtures.interfaceTypes()));
        assertEquals(1, defaults.getAsJsonObject("properties").get("qos").getAsInt());
        assertTrue(defaults.getAsJsonObject("properties").get("enabled").getAsBoolean());
    }

    @Test
    public void withoutTheMetatypeOnlyTheNameIsShown() {
        JsonObject shown = view.of(stored(Map.of("password", "hunter2-secret", "address", "ssl://b", "clientKey", KEY)),
                Optional.empty());
        assertEquals(1, shown.getAsJsonObject("properties").size());
        assertTrue(shown.getAsJsonObject("secrets").get("password").getAsBoolean());
        assertTrue(shown.getAsJsonObject("secrets").get("clientKey").getAsBoolean());
        assertFalse(Json.GSON.toJson(shown).contains("hunter2"));
    }

    @Test
    public void outputsHaveNoSecretsAndAMissingStatusIsNull() {
        ConfigView outputs = new ConfigView(Kind.OUTPUTS, s -> Optional.empty());
        JsonObject shown = outputs.of(stored(Map.of()), Optional.of(Fixtures.interfaceTypes()));
        assertFalse(shown.has("secrets"));
        assertTrue(shown.get("status").isJsonNull());
        assertTrue(Json.GSON.toJson(shown).contains("\"status\":null"));
    }
}
