package io.flowmqtt.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import io.flowmqtt.api.DeviceIdentity;
import io.flowmqtt.api.processing.ProcessingUnit;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.api.status.OutputState;
import io.flowmqtt.api.status.OutputStatus;
import io.flowmqtt.testing.mosquitto.Mosquitto;
import io.flowmqtt.testing.mosquitto.TestSubscriber;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
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
import org.osgi.framework.InvalidSyntaxException;

/**
 * A plugin removed under load must not harm the interface it publishes into (the issue: the
 * simulator publishing fast, its jar moved out of plugins/ and back, and from then on the interface
 * rejected everything with "queue write failed: null" while it said CONNECTED). The plugin's thread
 * publishes on its own thread into the interface's queue file; stopping the plugin used to interrupt
 * that thread, Java closed the queue's channel, and nothing reopened it.
 *
 * <p>Here: a real Mosquitto, one QoS 1 interface, a widgets output fed by the simulator at full speed
 * (32 analytics, a tick every 10 ms) and a processing output; the simulator bundle, then the
 * processing source bundle, is uninstalled (as FileInstall does when the jar leaves plugins/) and
 * installed again, {@value #CYCLES} times each. After every return the interface must go on: its
 * delivered counter grows, an independent subscriber receives new messages, its state is CONNECTED,
 * its last error is no queue failure, and nothing is rejected.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginRemovalUnderLoadIT extends FlowTestSupport {
    private static final int CYCLES = 10;
    private static final String INTERFACE = "flow.mqtt.interface";
    private static final String OUTPUT = "flow.mqtt.output";
    private static final String SIMULATOR = "flow.simulator";
    private static final int CUBE = 41;
    /** The interface's queue is kept on disk under its name: a name of this run only. */
    private static final String IFACE = "load-" + Long.toString(System.currentTimeMillis(), 36);
    /** Messages the interface must deliver after a plugin's return before the cycle counts as passed. */
    private static final long DELIVERED_AFTER_RETURN = 50;

    private Mosquitto broker;
    private final List<TestSubscriber> subscribers = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();
    private String root;

    @Before
    public void brokerInterfaceAndSimulator() throws Exception {
        broker = Mosquitto.in(workDir().resolve("broker-" + System.nanoTime())).tcp().start();
        root = "flow/" + service(DeviceIdentity.class, null).blockName();
        configure(INTERFACE, IFACE, Map.of("address", "mqtt://127.0.0.1:" + broker.tcpPort(), "qos", 1));
        output("load-widgets", "interface", IFACE, "source", "widgets", "widgets", CUBE + "/*/*");
        simulator(Map.of("analytics", 32, "tickMillis", 10L, "cube", CUBE, "seed", 7L));
        await("interface " + IFACE + " connected", () -> state() == ConnectionState.CONNECTED, this::diagnostics);
        awaitOutput("load-widgets", OutputState.ACTIVE);
        await("the simulator publishing", () -> delivered() > 500, this::diagnostics);
    }

    @After
    public void cleanUp() throws Exception {
        subscribers.forEach(TestSubscriber::close);
        configAdmin.getConfiguration(SIMULATOR, "?").delete();
        for (String output : outputs) {
            deleteConfiguration(OUTPUT, output);
        }
        deleteConfiguration(INTERFACE, IFACE);
        broker.stop();
    }

    /** The scenario, ten times in a row: the simulator's jar leaves plugins/ while it publishes, and comes back. */
    @Test
    public void theSimulatorRemovedAndReturnedUnderLoadTenTimesLeavesTheInterfaceWorking() throws Exception {
        // analytic 0's vehicle count: a few dozen messages a second, enough to see that messages still arrive
        TestSubscriber subscriber = subscribe(root + "/widgets/" + CUBE + "/0/1");
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            String when = "cycle " + cycle + " of " + CYCLES;
            Counts before = counts("load-widgets", subscriber);

            Bundle simulator = bundle("io.flowmqtt.simulator");
            String location = simulator.getLocation();
            simulator.uninstall(); // what FileInstall does when the jar leaves plugins/: stop, deactivate, uninstall
            await(when + ": the simulator gone (its processing units unregistered)", () -> simulatedUnits() == 0, this::diagnostics);

            context.installBundle(location).start();
            await(when + ": the simulator back (its processing units registered)", () -> simulatedUnits() == 32, this::diagnostics);

            assertTheInterfaceGoesOn(when, subscriber, "load-widgets", before);
        }
    }

    /** The same for a diagnostics source: its sampling thread publishes (and closes its runs) into the interface. */
    @Test
    public void theProcessingSourceRemovedAndReturnedUnderLoadTenTimesLeavesTheInterfaceWorking() throws Exception {
        output("load-processing", "interface", IFACE, "source", "processing", "interval", "100ms");
        awaitOutput("load-processing", OutputState.ACTIVE);
        TestSubscriber subscriber = subscribe(root + "/processing");
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            String when = "cycle " + cycle + " of " + CYCLES;
            Counts before = counts("load-processing", subscriber);

            Bundle processing = bundle("io.flowmqtt.source.processing");
            String location = processing.getLocation();
            processing.uninstall();
            awaitOutput("load-processing", OutputState.WAITING_FOR_SOURCE); // its absence, as the output sees it

            context.installBundle(location).start();
            awaitOutput("load-processing", OutputState.ACTIVE);

            assertTheInterfaceGoesOn(when, subscriber, "load-processing", before);
        }
    }

    // ---- what must hold after every return ---------------------------------------------------------

    /** The interface's and an output's counters, and how many messages the subscriber had, at one moment. */
    private record Counts(long delivered, long rejected, long outputRejected, int received) {
    }

    private Counts counts(String output, TestSubscriber subscriber) throws Exception {
        InterfaceStatus status = interfaceStatus(IFACE);
        assertNotNull("interface " + IFACE + " registered", status);
        return new Counts(status.counters().delivered(), status.counters().rejected(), outputStatus(output).rejected(),
                subscriber.messages().size());
    }

    private void assertTheInterfaceGoesOn(String when, TestSubscriber subscriber, String output, Counts before) throws Exception {
        Counts back = counts(output, subscriber);
        await(when + ": the interface delivering after the plugin's return", () -> {
            assertQueueIntact(when); // fails at once, rather than after the wait, when the queue is broken
            return delivered() >= back.delivered() + DELIVERED_AFTER_RETURN;
        }, this::diagnostics);
        subscriber.await(when + ": new messages at an independent subscriber", all -> all.size() > back.received(), TIMEOUT);

        assertQueueIntact(when);
        assertEquals(when + ": " + diagnostics(), ConnectionState.CONNECTED, state());
        Counts after = counts(output, subscriber);
        assertEquals(when + ": messages rejected by the interface " + diagnostics(), before.rejected(), after.rejected());
        assertEquals(when + ": messages rejected at output " + output + " " + diagnostics(), before.outputRejected(),
                after.outputRejected());
    }

    private void assertQueueIntact(String when) {
        InterfaceStatus status = interfaceStatus(IFACE);
        if (status != null && String.valueOf(status.lastError()).contains("queue write failed")) {
            throw new AssertionError(when + ": the interface's queue was damaged by the plugin's removal" + diagnostics());
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private void simulator(Map<String, Object> properties) throws Exception {
        Dictionary<String, Object> dict = new Hashtable<>(properties);
        configAdmin.getConfiguration(SIMULATOR, "?").update(dict); // "?": the simulator bundle comes back under a new id
    }

    private void output(String name, Object... keyValues) throws Exception {
        Map<String, Object> props = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        outputs.add(name);
        configure(OUTPUT, name, props);
    }

    private TestSubscriber subscribe(String filter) throws Exception {
        TestSubscriber subscriber = TestSubscriber.connect(broker.tcpUrl(), filter);
        subscribers.add(subscriber);
        return subscriber;
    }

    private void awaitOutput(String name, OutputState state) throws Exception {
        await("output " + name + " " + state, () -> {
            try {
                OutputStatus s = outputStatus(name);
                return s != null && s.state() == state;
            } catch (Exception e) {
                return false;
            }
        }, this::diagnostics);
    }

    private ConnectionState state() {
        InterfaceStatus status = interfaceStatus(IFACE);
        return status == null ? null : status.state();
    }

    private long delivered() {
        InterfaceStatus status = interfaceStatus(IFACE);
        return status == null ? -1 : status.counters().delivered();
    }

    private int simulatedUnits() {
        try {
            var refs = context.getServiceReferences(ProcessingUnit.class, "(flow.unit.id=" + CUBE + "/*)");
            return refs.size();
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED) {
                return b;
            }
        }
        throw new AssertionError("bundle " + symbolicName + " is not installed");
    }

    private String diagnostics() {
        StringBuilder text = new StringBuilder("; interface: ").append(interfaceStatus(IFACE));
        try {
            for (String output : outputs) {
                text.append("; output: ").append(outputStatus(output));
            }
        } catch (Exception e) {
            text.append("; outputs: ").append(e);
        }
        return text.toString();
    }
}
