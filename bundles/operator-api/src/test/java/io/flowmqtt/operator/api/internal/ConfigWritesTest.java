package io.flowmqtt.operator.api.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.flowmqtt.operator.api.internal.ConfigurationStore.Stored;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/** Creating, replacing (with the secrets rules) and deleting configurations, with their files. */
public class ConfigWritesTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final FakeConfigurationAdmin cm = new FakeConfigurationAdmin();
    private final Fixtures.Validator validator = new Fixtures.Validator();
    private ConfigurationStore store;
    private ConfigWrites writes;
    private Path conf;

    @Before
    public void setUp() {
        conf = folder.getRoot().toPath();
        store = new ConfigurationStore(cm.admin(), "flow.mqtt.interface", new ConfFiles(conf));
        writes = new ConfigWrites(Kind.INTERFACES, store, () -> Optional.of(Fixtures.interfaceTypes()),
                pid -> Optional.of(validator), true);
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    private Stored create(String body) throws Exception {
        return writes.create(json(body));
    }

    private static void assertRefused(int status, ApiException e, String... properties) {
        ApiResponse response = e.response();
        assertEquals(status, response.status());
        if (properties.length > 0) {
            var problems = response.body().getAsJsonObject().getAsJsonArray("problems");
            assertEquals(properties.length, problems.size());
            for (int i = 0; i < properties.length; i++) {
                assertEquals(properties[i], problems.get(i).getAsJsonObject().get("property").getAsString());
            }
        }
    }

    @Test
    public void aNewConfigurationIsItsFactoryInstanceWithItsFileWrittenFirst() throws Exception {
        Stored created = create("{\"name\": \"plant1\", \"properties\": {\"address\": \"mqtt://b:1883\", \"qos\": 2,"
                + " \"enabled\": false, \"password\": \"pw-secret\", \"clientKeyPassword\": \"\", \"username\": null}}");
        assertEquals("flow.mqtt.interface~plant1", created.pid());
        Map<String, Object> stored = cm.stored.get("flow.mqtt.interface~plant1");
        assertEquals("2", stored.get("qos")); // as text, as FileInstall reads a .cfg file
        assertEquals("false", stored.get("enabled"));
        assertEquals("plant1", stored.get("name"));
        assertFalse(stored.containsKey("clientKeyPassword")); // "" is no secret
        assertFalse(stored.containsKey("username"));
        Path file = conf.resolve("flow.mqtt.interface-plant1.cfg");
        assertEquals(ConfFiles.url(file), stored.get("felix.fileinstall.filename"));
        assertEquals(Map.of("address", "mqtt://b:1883", "qos", "2", "enabled", "false", "password", "pw-secret", "name", "plant1"),
                Fixtures.readAsFileInstall(file));
    }

    @Test
    public void everyBadPropertyIsNamedAtOnceAndNothingIsWritten() throws Exception {
        try {
            create("{\"name\": \"plant1\", \"properties\": {\"address\": \"foo://x\", \"qos\": 7, \"adress\": \"x\","
                    + " \"username\": {\"a\": 1}, \"topicPrefix\": \"${flow.home}\"}}");
            fail();
        } catch (ApiException e) {
            assertRefused(400, e, "adress", "username", "topicPrefix", "address", "qos");
        }
        assertTrue(cm.stored.isEmpty());
        try (var files = Files.list(conf)) {
            assertEquals(0, files.count());
        }
        try {
            create("{\"properties\": {\"address\": \"mqtt://b\"}}");
            fail();
        } catch (ApiException e) {
            assertRefused(400, e, "name");
        }
    }

    @Test
    public void aTakenNameIs409() throws Exception {
        create("{\"name\": \"plant1\"}");
        try {
            create("{\"name\": \"plant1\", \"properties\": {\"qos\": 0}}");
            fail();
        } catch (ApiException e) {
            assertRefused(409, e);
        }
    }

    @Test
    public void aReplacementKeepsTheSecretsLeftOutAndClearsTheEmptyOnes() throws Exception {
        create("{\"name\": \"plant1\", \"properties\": {\"password\": \"pw-1\", \"clientKeyPassword\": \"kp-1\","
                + " \"clientKey\": \"/keys/a.pem\", \"username\": \"dev\", \"qos\": 2}}");
        Stored current = store.named("plant1").orElseThrow();
        Stored updated = writes.update(current, json("{\"properties\": {\"address\": \"mqtt://c\", \"clientKeyPassword\": null,"
                + " \"password\": \"\"}}"));
        Map<String, Object> p = updated.properties();
        assertEquals("mqtt://c", p.get("address"));
        assertNull(p.get("password")); // "" clears
        assertEquals("kp-1", p.get("clientKeyPassword")); // null keeps
        assertEquals("/keys/a.pem", p.get("clientKey")); // left out keeps
        assertNull(p.get("username")); // everything else is replaced
        assertNull(p.get("qos"));
        assertEquals(ConfFiles.url(conf.resolve("flow.mqtt.interface-plant1.cfg")),
                cm.stored.get("flow.mqtt.interface~plant1").get("felix.fileinstall.filename")); // FileInstall still knows it

        updated = writes.update(updated, json("{\"properties\": {\"password\": \"pw-2\"}}"));
        assertEquals("pw-2", updated.properties().get("password"));
        assertTrue(validator.seen.get(validator.seen.size() - 1).containsKey("clientKeyPassword")); // kept secrets are validated too
    }

    @Test
    public void aDifferentNameRenamesUnlessItIsTaken() throws Exception {
        create("{\"name\": \"plant1\"}");
        create("{\"name\": \"plant2\"}");
        Stored plant1 = store.named("plant1").orElseThrow();
        try {
            writes.update(plant1, json("{\"properties\": {\"name\": \"plant2\"}}"));
            fail();
        } catch (ApiException e) {
            assertRefused(409, e);
        }
        Stored renamed = writes.update(plant1, json("{\"properties\": {\"name\": \"plant3\"}}"));
        assertEquals("flow.mqtt.interface~plant1", renamed.pid());
        assertEquals("plant3", store.named("plant3").orElseThrow().name());
        assertTrue(store.named("plant1").isEmpty());
        // the instance name plant1 is still the renamed one's: a new plant1 gets the next instance name
        assertEquals("flow.mqtt.interface~plant1-2", create("{\"name\": \"plant1\"}").pid());
        assertTrue(Files.exists(conf.resolve("flow.mqtt.interface-plant1-2.cfg")));
    }

    @Test
    public void aDeletionTakesTheFileWithIt() throws Exception {
        create("{\"name\": \"plant1\"}");
        writes.delete(store.named("plant1").orElseThrow());
        assertTrue(cm.stored.isEmpty());
        assertFalse(Files.exists(conf.resolve("flow.mqtt.interface-plant1.cfg")));
    }

    @Test
    public void withoutAValidatorOrMetatypeWritesAre503() throws Exception {
        ConfigWrites noValidator = new ConfigWrites(Kind.INTERFACES, store, () -> Optional.of(Fixtures.interfaceTypes()),
                pid -> Optional.empty(), true);
        ConfigWrites noMetatype = new ConfigWrites(Kind.INTERFACES, store, Optional::empty, pid -> Optional.of(validator), true);
        for (ConfigWrites w : new ConfigWrites[] {noValidator, noMetatype}) {
            try {
                w.create(json("{\"name\": \"plant1\"}"));
                fail();
            } catch (ApiException e) {
                assertRefused(503, e);
            }
        }
        assertTrue(cm.stored.isEmpty());
    }
}
