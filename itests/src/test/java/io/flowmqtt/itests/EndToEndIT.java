package io.flowmqtt.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.flowmqtt.api.DataSource;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.api.status.OutputState;
import io.flowmqtt.api.status.OutputStatus;
import io.flowmqtt.api.widgets.TimeBlock;
import io.flowmqtt.api.widgets.WidgetRef;
import io.flowmqtt.api.widgets.WidgetReporter;
import io.flowmqtt.api.widgets.WidgetSnapshot;
import io.flowmqtt.api.widgets.WidgetType;
import io.flowmqtt.testing.mosquitto.Mosquitto;
import io.flowmqtt.testing.mosquitto.TestSubscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The whole path in the real container: every bundle active and every component satisfied; an
 * interface and an output created through Config Admin against a real Mosquitto; one widget value
 * reported to the widgets source; a separate subscriber receives it on the documented topic with
 * the documented payload.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EndToEndIT extends FlowTestSupport {
    private Mosquitto broker;
    private TestSubscriber subscriber;

    @Before
    public void startBroker() throws Exception {
        broker = Mosquitto.in(workDir().resolve("broker")).tcp().start();
    }

    @After
    public void stopBroker() throws Exception {
        if (subscriber != null) {
            subscriber.close();
        }
        deleteConfiguration("flow.mqtt.output", "e2e-widgets");
        deleteConfiguration("flow.mqtt.interface", "e2e");
        broker.stop();
    }

    @Test
    public void everyBundleIsActiveAndEveryComponentSatisfied() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (!fragment && bundle.getState() != Bundle.ACTIVE) {
                problems.add(bundle.getSymbolicName() + " is in state " + bundle.getState());
            }
        }
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class, null);
        await("every configured component to settle", () -> unsatisfied(scr).isEmpty(), () -> unsatisfied(scr).toString());
        assertTrue(problems.toString(), problems.isEmpty());
        // the four sources of the runtime are all there
        for (String type : new String[] {"widgets", "system", "network", "processing"}) {
            service(DataSource.class, "(" + DataSource.TYPE + "=" + type + ")");
        }
    }

    private static List<String> unsatisfied(ServiceComponentRuntime scr) {
        List<String> bad = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (!scr.isComponentEnabled(description)) {
                bad.add(description.name + " is disabled");
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state != ComponentConfigurationDTO.ACTIVE && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                    bad.add(description.name + " is in state " + configuration.state);
                }
            }
        }
        return bad;
    }

    @Test
    public void aWidgetValueArrivesOnItsTopicWithTheDocumentedPayload() throws Exception {
        String block = service(io.flowmqtt.api.DeviceIdentity.class, null).blockName();
        subscriber = TestSubscriber.connect(broker.tcpUrl(), "flow/#");
        configure("flow.mqtt.interface", "e2e", Map.of("address", "mqtt://127.0.0.1:" + broker.tcpPort(), "qos", 1));
        configure("flow.mqtt.output", "e2e-widgets", Map.of("interface", "e2e", "source", "widgets",
                "policy", "create,update,close", "widgets", "3/0/*"));
        await("interface e2e connected", () -> {
            InterfaceStatus s = interfaceStatus("e2e");
            return s != null && s.state() == ConnectionState.CONNECTED;
        }, () -> String.valueOf(interfaceStatus("e2e")));
        await("output e2e-widgets active", () -> {
            OutputStatus s = outputStatusQuietly("e2e-widgets");
            return s != null && s.state() == OutputState.ACTIVE;
        }, () -> String.valueOf(outputStatusQuietly("e2e-widgets")));

        JsonObject data = new JsonObject();
        data.addProperty("data_validity", "ok");
        data.addProperty("object_count", 7);
        long now = System.currentTimeMillis();
        WidgetRef widget = new WidgetRef(3, 0, 12, "North arm count", WidgetType.VALUE);
        service(WidgetReporter.class, null).report(new WidgetSnapshot(widget, new TimeBlock(now - 1000, now + 59_000), now, data));

        String topic = "flow/" + block + "/widgets/3/0/12";
        List<TestSubscriber.Received> received = subscriber.await("the widget message on " + topic,
                all -> all.stream().anyMatch(m -> m.topic().equals(topic)), TIMEOUT);
        TestSubscriber.Received message = received.stream().filter(m -> m.topic().equals(topic)).findFirst().orElseThrow();
        JsonObject payload = JsonParser.parseString(message.payload()).getAsJsonObject();
        assertEquals(block, payload.get("block_name").getAsString());
        assertEquals(3, payload.get("cube_id").getAsInt());
        assertEquals(0, payload.get("analytic_id").getAsInt());
        assertEquals(12, payload.get("widget_id").getAsInt());
        assertEquals("North arm count", payload.get("widget_name").getAsString());
        assertEquals("value", payload.get("widget_type").getAsString());
        assertEquals(now - 1000, payload.getAsJsonObject("time_block").get("start").getAsLong());
        assertEquals(7, payload.getAsJsonObject("data").get("object_count").getAsInt());
        assertEquals("ok", payload.getAsJsonObject("data").get("data_validity").getAsString());
        assertEquals(block, payload.get("device_id").getAsString());
        assertEquals("3-0-12-" + (now - 1000), payload.get("event_id").getAsString());
        assertEquals("created", payload.get("event_state").getAsString());
        assertEquals(1, payload.get("revision").getAsLong());
        assertEquals(now, payload.get("timestamp").getAsLong());
        assertFalse(payload.get("message_id").getAsString().isEmpty());
        assertTrue(payload.get("seq").getAsLong() >= 1);
        assertEquals(1, message.qos());
        // the first key is block_name, as in FLOW's webhook body
        assertEquals("block_name", payload.keySet().iterator().next());
        // and the interface announced itself, retained, so a late subscriber learns it too
        assertTrue(subscriber.messages().stream().anyMatch(m -> m.topic().equals("flow/" + block + "/status")
                && m.payload().equals("online")));
        try (TestSubscriber late = TestSubscriber.connect(broker.tcpUrl(), "flow/" + block + "/status")) {
            late.await("the retained online status", all -> all.stream().anyMatch(m -> m.payload().equals("online") && m.retained()), TIMEOUT);
        }
    }

    private OutputStatus outputStatusQuietly(String name) {
        try {
            return outputStatus(name);
        } catch (Exception e) {
            return null;
        }
    }
}
