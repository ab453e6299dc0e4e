package io.flowmqtt.outputs.internal;

import static io.flowmqtt.outputs.internal.Fakes.config;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.DataSource;
import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.status.OutputState;
import io.flowmqtt.api.status.OutputStatus;
import io.flowmqtt.outputs.internal.Fakes.FakeInterface;
import io.flowmqtt.outputs.internal.Fakes.FakeSource;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;
import org.osgi.framework.ServiceReference;

/**
 * Whatever throws while a configuration is applied, the output is listed with a named error: never
 * missing from the status (a failed activation) nor silently on its old settings (a failed modification).
 */
public class OutputComponentTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static final Map<String, Object> PROPERTIES = Map.of("service.pid", "flow.mqtt.output~counts");
    /** What Declarative Services throws from an accessor whose value it cannot convert. */
    private static final RuntimeException UNCONVERTIBLE = new IllegalStateException("java.lang.NumberFormatException: For input string: \"two\"");

    private final OutputHub hub = new OutputHub(() -> "RCE Block");
    private final FakeInterface plant1 = new FakeInterface("plant1");
    private final FakeSource widgets = new FakeSource();

    @Before
    public void sourceAndInterface() {
        hub.addInterface(plant1, Map.of(MqttInterface.NAME, "plant1"));
        hub.addSource(reference("widgets"), widgets);
    }

    @After
    public void stop() {
        hub.deactivate();
    }

    private OutputStatus status(String name) {
        return hub.outputs().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("output " + name + " is not listed: " + hub.outputs()));
    }

    @Test
    public void aValueThatCannotBeConvertedAtActivationIsAnInvalidConfigurationNamingTheProperty() {
        new OutputComponent(config("interface", "plant1", "qos", UNCONVERTIBLE), PROPERTIES, hub);
        OutputStatus status = status("counts");
        assertEquals(OutputState.INVALID_CONFIGURATION, status.state());
        assertEquals("invalid configuration: qos: cannot be read: java.lang.NumberFormatException: For input string: \"two\"",
                status.detail());
        assertTrue("nothing subscribed", widgets.sinks.isEmpty());
    }

    @Test
    public void aValueThatCannotBeConvertedInAModificationStopsTheOldSettingsAndSaysWhy() {
        OutputComponent component = new OutputComponent(config("interface", "plant1"), PROPERTIES, hub);
        assertEquals(OutputState.ACTIVE, status("counts").state());

        component.modified(config("interface", "plant1", "policy", UNCONVERTIBLE), PROPERTIES);
        OutputStatus broken = status("counts");
        assertEquals(OutputState.INVALID_CONFIGURATION, broken.state());
        assertTrue(broken.detail(), broken.detail().startsWith("invalid configuration: policy: cannot be read: "));
        assertTrue("the old subscription is closed, not left publishing under settings no longer configured", widgets.sinks.isEmpty());

        component.modified(config("interface", "plant1", "policy", "close"), PROPERTIES);
        assertEquals(OutputState.ACTIVE, status("counts").state());
        assertEquals(1, widgets.sinks.size());
    }

    @Test
    public void anythingElseThatThrowsWhileApplyingIsNamedInTheStatusToo() {
        Map<String, Object> properties = new HashMap<>(PROPERTIES) {
            boolean broken;

            @Override
            public Object get(Object key) {
                if (broken) {
                    throw new IllegalStateException("configuration dictionary gone");
                }
                return super.get(key);
            }

            @Override
            public Object put(String key, Object value) {
                broken = key.equals("break");
                return null;
            }
        };
        OutputComponent component = new OutputComponent(config("interface", "plant1"), properties, hub);
        assertEquals(OutputState.ACTIVE, status("counts").state());

        properties.put("break", true);
        component.modified(config("interface", "plant1"), properties);
        OutputStatus status = status("counts");
        assertEquals(OutputState.INVALID_CONFIGURATION, status.state());
        assertEquals("invalid configuration: cannot be applied: java.lang.IllegalStateException: configuration dictionary gone",
                status.detail());
    }

    @Test
    public void aDuplicateNameWaitsNamingTheHolderAndTakesTheNameOverWhenTheHolderIsDeleted() {
        OutputComponent first = new OutputComponent(config("name", "shared", "interface", "plant1"),
                Map.of("service.pid", "flow.mqtt.output~a"), hub);
        new OutputComponent(config("name", "shared", "interface", "plant1"), Map.of("service.pid", "flow.mqtt.output~b"), hub);

        OutputStatus waiting = status("b");
        assertEquals(OutputState.INVALID_CONFIGURATION, waiting.state());
        assertTrue(waiting.detail(), waiting.detail().contains("'shared' is already used by another output (configuration flow.mqtt.output~a)"));
        assertEquals(1, widgets.sinks.size());

        first.deactivate();
        assertEquals(OutputState.ACTIVE, status("shared").state());
        assertEquals(1, hub.outputs().size());
        assertEquals("the second subscribed once it had the name", 1, widgets.sinks.size());
    }

    /** A data-source service reference with the given type. */
    @SuppressWarnings("unchecked")
    private static ServiceReference<DataSource> reference(String type) {
        return (ServiceReference<DataSource>) Proxy.newProxyInstance(OutputComponentTest.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> DataSource.TYPE.equals(args[0]) ? type : null;
                    case "compareTo" -> Integer.compare(System.identityHashCode(proxy), System.identityHashCode(args[0]));
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "reference to source " + type;
                    default -> null;
                });
    }
}
