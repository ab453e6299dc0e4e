package io.flowmqtt.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.flowmqtt.api.DeviceIdentity;
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
import io.flowmqtt.testing.mosquitto.TestSubscriber.Received;
import io.flowmqtt.testing.mosquitto.TestSubscriber;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Outputs in the real container against real Mosquitto brokers: sending policies alone and combined,
 * two interfaces fed from one source, a data-source bundle uninstalled and reinstalled, an output
 * re-pointed live, an output waiting for its interface, an invalid output beside valid ones.
 *
 * <p>Each test uses its own interface names (their queues are on disk) and its own cube id (the
 * widgets source replays its open events to every new subscription), and deletes what it configured.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OutputsIT extends FlowTestSupport {
    private static final String OUTPUT = "flow.mqtt.output";
    private static final String INTERFACE = "flow.mqtt.interface";
    /**
     * Interface names get this run's suffix: an interface's queue is kept on disk under its name
     * (data/queues/name), and what was still unacknowledged when a test deleted its interface would
     * otherwise be delivered again, at least once, in the next run.
     */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    private Mosquitto brokerA;
    private Mosquitto brokerB;
    private final List<TestSubscriber> subscribers = new ArrayList<>();
    private final List<String[]> configured = new ArrayList<>();
    private String block;

    @Before
    public void startBrokers() throws Exception {
        brokerA = Mosquitto.in(workDir().resolve("outputs-a")).tcp().start();
        brokerB = Mosquitto.in(workDir().resolve("outputs-b")).tcp().start();
        block = service(DeviceIdentity.class, null).blockName();
    }

    @After
    public void cleanUp() throws Exception {
        subscribers.forEach(TestSubscriber::close);
        // outputs first, then interfaces: nothing is left for the next test to see
        for (String[] config : configured) {
            if (config[0].equals(OUTPUT)) {
                deleteConfiguration(config[0], config[1]);
            }
        }
        for (String[] config : configured) {
            if (config[0].equals(INTERFACE)) {
                deleteConfiguration(config[0], config[1]);
            }
        }
        for (String[] config : configured) {
            if (config[0].equals(OUTPUT)) {
                await("output " + config[1] + " removed", () -> outputStatusQuietly(config[1]) == null);
            }
        }
        brokerA.stop();
        brokerB.stop();
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** An interface name unique to this run. */
    private static String n(String base) {
        return base + "-" + RUN;
    }

    private void iface(String name, Mosquitto broker, Object... more) throws Exception {
        Map<String, Object> props = new HashMap<>(Map.of("address", "mqtt://127.0.0.1:" + broker.tcpPort(), "qos", 1));
        for (int i = 0; i < more.length; i += 2) {
            props.put((String) more[i], more[i + 1]);
        }
        configured.add(new String[] {INTERFACE, name});
        configure(INTERFACE, name, props);
    }

    private void output(String name, Object... keyValues) throws Exception {
        Map<String, Object> props = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        if (configured.stream().noneMatch(c -> c[0].equals(OUTPUT) && c[1].equals(name))) {
            configured.add(new String[] {OUTPUT, name});
        }
        configure(OUTPUT, name, props);
    }

    private TestSubscriber subscribe(Mosquitto broker, String filter) throws Exception {
        TestSubscriber subscriber = TestSubscriber.connect(broker.tcpUrl(), filter);
        subscribers.add(subscriber);
        return subscriber;
    }

    private OutputStatus outputStatusQuietly(String name) {
        try {
            return outputStatus(name);
        } catch (Exception e) {
            return null;
        }
    }

    private OutputStatus awaitOutput(String name, Predicate<OutputStatus> condition, String what) throws Exception {
        await("output " + name + " " + what, () -> {
            OutputStatus s = outputStatusQuietly(name);
            return s != null && condition.test(s);
        }, () -> outputStatusQuietly(name) + "; interfaces: " + interfaceStatuses());
        return outputStatus(name);
    }

    private OutputStatus awaitActive(String name, String interfaceName) throws Exception {
        return awaitOutput(name, s -> s.state() == OutputState.ACTIVE && s.interfaceName().equals(interfaceName),
                "active on " + interfaceName);
    }

    private void report(int cube, int widget, TimeBlock timeBlock, int count) throws Exception {
        JsonObject data = new JsonObject();
        data.addProperty("data_validity", "ok");
        data.addProperty("object_count", count);
        WidgetRef ref = new WidgetRef(cube, 0, widget, "Widget " + widget, WidgetType.VALUE);
        service(WidgetReporter.class, null).report(new WidgetSnapshot(ref, timeBlock, System.currentTimeMillis(), data));
    }

    private static JsonObject json(Received message) {
        return JsonParser.parseString(message.payload()).getAsJsonObject();
    }

    /**
     * {@code <topic>=<event_state>#<revision>:<object_count>} of the data messages (not the interfaces'
     * status) on topics starting with {@code topicStart}.
     */
    private static List<String> briefs(List<Received> messages, String topicStart) {
        List<String> out = new ArrayList<>();
        for (Received m : messages) {
            if (m.topic().startsWith(topicStart) && !TestSubscriber.isStatus(m.topic())) {
                out.add(brief(m));
            }
        }
        return out;
    }

    private static String brief(Received m) {
        JsonObject p = json(m);
        String count = p.has("data") && p.getAsJsonObject("data").has("object_count")
                ? ":" + p.getAsJsonObject("data").get("object_count").getAsInt() : "";
        return m.topic() + "=" + p.get("event_state").getAsString() + "#" + p.get("revision").getAsLong() + count;
    }

    private static Predicate<List<Received>> has(String topic, String state) {
        return all -> all.stream().anyMatch(m -> m.topic().equals(topic) && json(m).get("event_state").getAsString().equals(state));
    }

    // ---- tests ------------------------------------------------------------------------------------

    /**
     * Seven outputs on one interface, one per non-empty subset of create/update/close, each under its
     * own topic; a value widget's time block goes through created, updated, updated, closed. Each
     * output gets exactly its states, in order; a sentinel output's message, published last, proves
     * nothing else is still on its way.
     */
    @Test
    public void eachPolicyAloneAndCombinedGetsExactlyItsStatesInOrder() throws Exception {
        TestSubscriber sub = subscribe(brokerA, "pol/#");
        iface(n("pol"), brokerA, "topicPrefix", "pol");
        String[] policies = {"create", "update", "close", "create,update", "create,close", "update,close", "create,update,close"};
        for (String policy : policies) {
            output("pol-" + policy.replace(",", "-"), "interface", n("pol"), "widgets", "21/0/1", "policy", policy,
                    "topic", "p-" + policy.replace(",", "-"));
        }
        output("pol-sentinel", "interface", n("pol"), "widgets", "21/0/99", "topic", "sentinel");
        for (String policy : policies) {
            awaitActive("pol-" + policy.replace(",", "-"), n("pol"));
        }
        awaitActive("pol-sentinel", n("pol"));
        awaitConnected(n("pol"));

        long now = System.currentTimeMillis();
        TimeBlock first = new TimeBlock(now - 60_000, now);
        TimeBlock second = new TimeBlock(now, now + 60_000);
        report(21, 1, first, 1);   // created#1
        report(21, 1, first, 2);   // updated#2
        report(21, 1, first, 2);   // unchanged: nothing
        report(21, 1, first, 3);   // updated#3
        report(21, 1, second, 0);  // closed#4 of the first block (final value 3), created#1 of the second
        report(21, 99, null, 1);   // the sentinel
        String sentinel = "pol/" + block + "/sentinel/21/0/99";
        List<Received> all = sub.await("the sentinel", has(sentinel, "created"), TIMEOUT);

        List<String> lifecycle = List.of("created#1:1", "updated#2:2", "updated#3:3", "closed#4:3", "created#1:0");
        for (String policy : policies) {
            String topic = "pol/" + block + "/p-" + policy.replace(",", "-") + "/21/0/1";
            List<String> expected = new ArrayList<>();
            for (String step : lifecycle) {
                if (policy.contains(step.substring(0, step.indexOf("ed#")))) {
                    expected.add(topic + "=" + step);
                }
            }
            assertEquals("policy " + policy, expected, briefs(all, topic));
        }
        // the closed message carries the first block and its final values
        Received closed = all.stream().filter(m -> m.topic().equals("pol/" + block + "/p-close/21/0/1")).findFirst().orElseThrow();
        JsonObject payload = json(closed);
        assertEquals("21-0-1-" + first.start(), payload.get("event_id").getAsString());
        assertEquals(first.start(), payload.getAsJsonObject("time_block").get("start").getAsLong());
        assertEquals(first.end(), payload.getAsJsonObject("time_block").get("end").getAsLong());
        assertEquals(3, payload.getAsJsonObject("data").get("object_count").getAsInt());

        // received also counts other widgets' events (the sentinel, open events replayed at subscription): filtered
        OutputStatus closeOnly = outputStatus("pol-close");
        assertEquals(1, closeOnly.published());
        assertEquals(closeOnly.received() - 1, closeOnly.filtered());
        assertTrue(closeOnly.received() >= 6);
        assertEquals(0, closeOnly.rejected());
    }

    /** Two interfaces on two brokers, fed from the same source by different outputs. */
    @Test
    public void twoInterfacesReceiveDifferentOutputsFromTheSameSource() throws Exception {
        TestSubscriber onA = subscribe(brokerA, "#");
        TestSubscriber onB = subscribe(brokerB, "#");
        iface(n("two-a"), brokerA);
        iface(n("two-b"), brokerB, "topicPrefix", "site-b", "timestampFormat", "ISO_8601");
        output("two-all", "interface", n("two-a"), "widgets", "22/0/*");
        output("two-close", "interface", n("two-b"), "widgets", "22/0/*", "policy", "close");
        awaitActive("two-all", n("two-a"));
        awaitActive("two-close", n("two-b"));
        awaitConnected(n("two-a"), n("two-b"));

        long now = System.currentTimeMillis();
        TimeBlock first = new TimeBlock(now - 60_000, now);
        report(22, 1, first, 4);
        report(22, 1, first, 5);
        report(22, 1, new TimeBlock(now, now + 60_000), 0);

        String topicA = "flow/" + block + "/widgets/22/0/1";
        String topicB = "site-b/" + block + "/widgets/22/0/1";
        onB.await("the closed block on B", has(topicB, "closed"), TIMEOUT);
        List<Received> a = onA.await("the second block's create on A",
                all -> all.stream().filter(m -> m.topic().equals(topicA)).count() >= 4, TIMEOUT);
        assertEquals(List.of(topicA + "=created#1:4", topicA + "=updated#2:5", topicA + "=closed#3:5", topicA + "=created#1:0"),
                briefs(a, "flow/"));
        assertEquals(List.of(topicB + "=closed#3:5"), briefs(onB.data(), ""));
        JsonObject closedOnB = json(onB.data().get(0));
        assertTrue("ISO-8601 on B: " + closedOnB.get("timestamp"), closedOnB.get("timestamp").getAsString().endsWith("Z"));
        assertTrue(closedOnB.getAsJsonObject("time_block").get("start").getAsString().endsWith("Z"));
        assertTrue("epoch millis on A", json(a.get(a.size() - 1)).get("timestamp").getAsJsonPrimitive().isNumber());
        assertTrue("nothing of B's prefix on A", a.stream().noneMatch(m -> m.topic().startsWith("site-b/")));
    }

    /**
     * The system source's bundle is uninstalled while an output is bound to it: the output waits for
     * its source, a widgets output on the same interface goes on publishing; the bundle installed
     * again from its location brings the output back.
     */
    @Test
    public void aSourceBundleUninstalledAndReinstalled() throws Exception {
        TestSubscriber sub = subscribe(brokerA, "#");
        iface(n("src"), brokerA);
        output("src-system", "interface", n("src"), "source", "system", "interval", "200ms");
        output("src-widgets", "interface", n("src"), "widgets", "23/0/*");
        awaitActive("src-system", n("src"));
        awaitActive("src-widgets", n("src"));
        awaitConnected(n("src"));
        String systemTopic = "flow/" + block + "/system";
        List<Received> before = sub.await("system samples", all -> all.stream().filter(m -> m.topic().equals(systemTopic)).count() >= 2,
                TIMEOUT);
        String firstRun = json(before.stream().filter(m -> m.topic().equals(systemTopic)).findFirst().orElseThrow())
                .get("event_id").getAsString();

        Bundle system = bundle("io.flowmqtt.source.system");
        assertNotNull("the system source bundle is installed", system);
        String location = system.getLocation();
        system.uninstall();
        OutputStatus waiting = awaitOutput("src-system", s -> s.state() == OutputState.WAITING_FOR_SOURCE, "waiting for its source");
        assertEquals("waiting for source system", waiting.detail());
        assertEquals(OutputState.ACTIVE, outputStatus("src-widgets").state());

        // the orderly shutdown of the source closed its run: the output published the closed state
        sub.await("the closed state of the run", all -> all.stream().anyMatch(m -> m.topic().equals(systemTopic)
                && json(m).get("event_id").getAsString().equals(firstRun) && json(m).get("event_state").getAsString().equals("closed")),
                TIMEOUT);

        long now = System.currentTimeMillis();
        report(23, 1, new TimeBlock(now - 1000, now + 59_000), 7);
        String widgetTopic = "flow/" + block + "/widgets/23/0/1";
        sub.await("the widget while the system source is gone", has(widgetTopic, "created"), TIMEOUT);

        int seen = sub.messages().size();
        Bundle again = context.installBundle(location);
        again.start();
        awaitActive("src-system", n("src"));
        List<Received> after = sub.await("a new run of the system source", all -> all.stream().skip(seen)
                .anyMatch(m -> m.topic().equals(systemTopic) && json(m).get("event_state").getAsString().equals("created")), TIMEOUT);
        JsonObject newRun = after.stream().skip(seen).filter(m -> m.topic().equals(systemTopic)).map(OutputsIT::json)
                .findFirst().orElseThrow();
        assertNotEquals(firstRun, newRun.get("event_id").getAsString());
        assertEquals(1, newRun.get("revision").getAsLong());
    }

    /**
     * The same for the other diagnostics plugins: each one uninstalled while an output is bound to
     * it (its run is closed, the output waits), then installed again (a new run starts).
     */
    @Test
    public void theNetworkAndProcessingSourcesCanBeUninstalledAndReinstalledWhileBound() throws Exception {
        TestSubscriber sub = subscribe(brokerA, "#");
        iface(n("plug"), brokerA);
        awaitConnected(n("plug"));
        for (String type : new String[] {"network", "processing"}) {
            String output = "plug-" + type;
            output(output, "interface", n("plug"), "source", type, "interval", "200ms");
            awaitActive(output, n("plug"));
            String topic = "flow/" + block + "/" + type;
            List<Received> before = sub.await(type + " samples", all -> all.stream().filter(m -> m.topic().equals(topic)).count() >= 2,
                    TIMEOUT);
            String firstRun = json(before.stream().filter(m -> m.topic().equals(topic)).findFirst().orElseThrow())
                    .get("event_id").getAsString();

            Bundle plugin = bundle("io.flowmqtt.source." + type);
            assertNotNull(type + " source bundle installed", plugin);
            String location = plugin.getLocation();
            plugin.uninstall();
            assertEquals("waiting for source " + type,
                    awaitOutput(output, s -> s.state() == OutputState.WAITING_FOR_SOURCE, "waiting for " + type).detail());
            sub.await("the closed state of the " + type + " run", all -> all.stream().anyMatch(m -> m.topic().equals(topic)
                    && json(m).get("event_id").getAsString().equals(firstRun)
                    && json(m).get("event_state").getAsString().equals("closed")), TIMEOUT);

            int seen = sub.messages().size();
            context.installBundle(location).start();
            awaitActive(output, n("plug"));
            List<Received> after = sub.await("a new " + type + " run", all -> all.stream().skip(seen)
                    .anyMatch(m -> m.topic().equals(topic) && json(m).get("event_state").getAsString().equals("created")), TIMEOUT);
            JsonObject newRun = after.stream().skip(seen).filter(m -> m.topic().equals(topic)
                    && json(m).get("event_state").getAsString().equals("created")).map(OutputsIT::json).findFirst().orElseThrow();
            assertNotEquals(firstRun, newRun.get("event_id").getAsString());
            assertEquals(1, newRun.get("revision").getAsLong());
        }
    }

    /**
     * Two configurations that claim the same name: the second is invalid and says why; deleting
     * the first brings the second up, for interfaces and for outputs alike.
     */
    @Test
    public void aDuplicateNameTakesOverWhenTheFirstHolderIsDeleted() throws Exception {
        String shared = n("dup");
        iface(n("dup-1"), brokerA, "name", shared);
        iface(n("dup-2"), brokerB, "name", shared);
        await("one of the two connected", () -> interfaceStatuses().stream().anyMatch(st -> st.startsWith(shared + "=CONNECTED/")),
                () -> interfaceStatuses().toString());
        await("the second interface refused for its name", () -> interfaceStatuses().stream()
                .anyMatch(st -> st.contains("=INVALID_CONFIGURATION/") && st.contains("is already used by another MQTT interface")),
                () -> interfaceStatuses().toString());
        output(n("dup-out-1"), "interface", shared, "name", "dup-out", "widgets", "29/0/*");
        output(n("dup-out-2"), "interface", shared, "name", "dup-out", "widgets", "30/0/*");
        await("one output refused for its name", () -> {
            try {
                return service(io.flowmqtt.api.OutputRegistry.class, null).outputs().stream().anyMatch(o ->
                        o.state() == OutputState.INVALID_CONFIGURATION && o.detail().contains("already used by another output"));
            } catch (Exception e) {
                return false;
            }
        });

        deleteConfiguration(INTERFACE, n("dup-1"));
        TestSubscriber subB = subscribe(brokerB, "flow/#");
        await("the second interface connected to its broker", () -> interfaceStatuses().stream()
                .anyMatch(st -> st.contains("=CONNECTED/") && st.contains(":" + brokerB.tcpPort())), () -> interfaceStatuses().toString());
        subB.await("the second interface online", all -> all.stream().anyMatch(m -> m.topic().endsWith("/status")
                && m.payload().equals("online")), TIMEOUT);

        deleteConfiguration(OUTPUT, n("dup-out-1"));
        // the deletion is asynchronous: wait until the one left is the second, active
        await("the second output active under the name", () -> {
            try {
                List<OutputStatus> all = service(io.flowmqtt.api.OutputRegistry.class, null).outputs();
                return all.stream().filter(o -> o.name().equals("dup-out") && o.state() == OutputState.ACTIVE).count() == 1
                        && all.stream().noneMatch(o -> o.state() == OutputState.INVALID_CONFIGURATION);
            } catch (Exception e) {
                return false;
            }
        });
    }

    /**
     * The widgets source stopped orderly: its long-lived events (widgets without time blocks) are
     * closed, and the outputs bound to it publish those closes although DS unregisters the source's
     * service before it deactivates it. Started again, the source is bound again, and the open time
     * block goes on where it was (its state is saved at the orderly stop).
     */
    @Test
    public void theWidgetsSourceStoppedClosesItsLongLivedEvents() throws Exception {
        TestSubscriber sub = subscribe(brokerA, "#");
        iface(n("stop"), brokerA);
        output("stop-widgets", "interface", n("stop"), "widgets", "27/0/*");
        awaitActive("stop-widgets", n("stop"));
        awaitConnected(n("stop"));
        report(27, 1, null, 3);
        long now = System.currentTimeMillis();
        TimeBlock openBlock = new TimeBlock(now - 1000, now + 59_000);
        report(27, 2, openBlock, 4);
        String longLived = "flow/" + block + "/widgets/27/0/1";
        String timeBlock = "flow/" + block + "/widgets/27/0/2";
        sub.await("both creates", has(longLived, "created").and(has(timeBlock, "created")), TIMEOUT);

        Bundle widgets = bundle("io.flowmqtt.source.widgets");
        widgets.stop();
        try {
            awaitOutput("stop-widgets", s -> s.state() == OutputState.WAITING_FOR_SOURCE, "waiting for its source");
            List<Received> all = sub.await("the long-lived event's close", has(longLived, "closed"), TIMEOUT);
            assertEquals(List.of(longLived + "=created#1:3", longLived + "=closed#2:3"), briefs(all, longLived));
        } finally {
            widgets.start();
        }
        awaitActive("stop-widgets", n("stop"));
        report(27, 1, null, 5);
        List<Received> all = sub.await("the widget after the restart", a -> a.stream().filter(m -> m.topic().equals(longLived)).count() >= 3,
                TIMEOUT);
        // a new run of the source: the long-lived event opens again
        assertEquals(List.of(longLived + "=created#1:3", longLived + "=closed#2:3", longLived + "=created#1:5"), briefs(all, longLived));
        // the open time block was not closed by the shutdown, and its state survived the restart: a new
        // value in it goes on as updated#2 (the rebound output may first get its latest state again,
        // the same event and revision, which consumers recognise as a duplicate)
        report(27, 2, openBlock, 6);
        all = sub.await("the time block going on", has(timeBlock, "updated"), TIMEOUT);
        assertEquals(List.of(timeBlock + "=created#1:4", timeBlock + "=updated#2:6"),
                briefs(all, timeBlock).stream().distinct().collect(java.util.stream.Collectors.toList()));
    }

    /** An output re-pointed to another interface: what follows arrives on the other broker only. */
    @Test
    public void anOutputRepointedLiveToAnotherInterface() throws Exception {
        TestSubscriber onA = subscribe(brokerA, "#");
        TestSubscriber onB = subscribe(brokerB, "#");
        iface(n("rp-a"), brokerA);
        iface(n("rp-b"), brokerB, "topicPrefix", "other");
        output("rp", "interface", n("rp-a"), "widgets", "24/0/*");
        awaitActive("rp", n("rp-a"));
        awaitConnected(n("rp-a"), n("rp-b"));

        report(24, 1, null, 1);
        String topicA = "flow/" + block + "/widgets/24/0/1";
        onA.await("created on A", has(topicA, "created"), TIMEOUT);

        output("rp", "interface", n("rp-b"), "widgets", "24/0/*");
        awaitActive("rp", n("rp-b"));
        report(24, 1, null, 2);
        String topicB = "other/" + block + "/widgets/24/0/1";
        List<Received> b = onB.await("the update on B", has(topicB, "updated"), TIMEOUT);
        // a new subscription first gets the open event's latest state (the widgets source's replay), then the update
        assertEquals(List.of(topicB + "=created#1:1", topicB + "=updated#2:2"), briefs(b, ""));
        assertEquals(List.of(topicA + "=created#1:1"), briefs(onA.data(), ""));
    }

    /** An output naming an interface that does not exist yet waits for it, then publishes. */
    @Test
    public void anOutputWaitsForItsInterfaceAndThenPublishes() throws Exception {
        output("wait-out", "interface", n("wait-later"), "widgets", "25/0/*");
        OutputStatus waiting = awaitOutput("wait-out", s -> s.state() == OutputState.WAITING_FOR_INTERFACE, "waiting for its interface");
        assertEquals("waiting for interface " + n("wait-later"), waiting.detail());
        assertEquals(0, waiting.received());

        TestSubscriber sub = subscribe(brokerA, "#");
        iface(n("wait-later"), brokerA);
        awaitActive("wait-out", n("wait-later"));
        awaitConnected(n("wait-later"));
        report(25, 1, null, 1);
        report(25, 1, null, 2);
        String topic = "flow/" + block + "/widgets/25/0/1";
        List<Received> got = sub.await("the update", has(topic, "updated"), TIMEOUT);
        assertEquals(List.of(topic + "=created#1:1", topic + "=updated#2:2"), briefs(got, "flow/"));
    }

    /**
     * An event that opened while the output waited for its interface: when the interface comes, the
     * output binds and the widgets source replays the event's latest state, which must go out. (A
     * regression test: the interface used to register its service before its configuration was
     * applied, and this replay was rejected.)
     */
    @Test
    public void anEventOpenedWhileWaitingForTheInterfaceIsPublishedWhenItComes() throws Exception {
        output("late-out", "interface", n("late-iface"), "widgets", "28/0/*");
        awaitOutput("late-out", s -> s.state() == OutputState.WAITING_FOR_INTERFACE, "waiting for its interface");
        report(28, 1, null, 1); // no interface: nothing can go out yet

        TestSubscriber sub = subscribe(brokerA, "#");
        iface(n("late-iface"), brokerA);
        awaitActive("late-out", n("late-iface"));
        awaitConnected(n("late-iface"));
        report(28, 1, null, 2);
        String topic = "flow/" + block + "/widgets/28/0/1";
        List<Received> got = sub.await("the update", has(topic, "updated"), TIMEOUT);
        // the open event's latest state, replayed by the widgets source when the output binds, and then the update
        assertEquals("output " + outputStatus("late-out") + ", interface " + interfaceStatus(n("late-iface")),
                List.of(topic + "=created#1:1", topic + "=updated#2:2"), briefs(got, "flow/"));
        assertEquals(0, outputStatus("late-out").rejected());
    }

    /** An invalid output says which property is wrong, disturbs no other output and recovers on a valid update. */
    @Test
    public void anInvalidOutputIsReportedLeavesOthersAloneAndRecovers() throws Exception {
        TestSubscriber sub = subscribe(brokerA, "#");
        iface(n("inv"), brokerA);
        output("inv-good", "interface", n("inv"), "widgets", "26/0/*", "topic", "good");
        output("inv-bad", "interface", n("inv"), "widgets", "26/0/*", "topic", "bad", "policy", "creat");
        awaitActive("inv-good", n("inv"));
        awaitConnected(n("inv"));
        OutputStatus invalid = awaitOutput("inv-bad", s -> s.state() == OutputState.INVALID_CONFIGURATION, "invalid");
        assertTrue(invalid.detail(), invalid.detail().contains("policy: 'creat'"));

        long now = System.currentTimeMillis();
        TimeBlock first = new TimeBlock(now - 60_000, now);
        report(26, 1, first, 1);
        String good = "flow/" + block + "/good/26/0/1";
        String bad = "flow/" + block + "/bad/26/0/1";
        sub.await("the good output's message", has(good, "created"), TIMEOUT);

        output("inv-bad", "interface", n("inv"), "widgets", "26/0/*", "topic", "bad", "policy", "close");
        awaitActive("inv-bad", n("inv"));
        report(26, 1, new TimeBlock(now, now + 60_000), 2);
        List<Received> all = sub.await("the closed block on the repaired output", has(bad, "closed"), TIMEOUT);
        sub.await("the second block on the good output", a -> a.stream().filter(m -> m.topic().equals(good)).count() >= 3, TIMEOUT);
        assertEquals(List.of(bad + "=closed#2:1"), briefs(all, bad));
        assertEquals(List.of(good + "=created#1:1", good + "=closed#2:1", good + "=created#1:2"), briefs(sub.messages(), good));
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    private List<String> interfaceStatuses() {
        List<String> all = new ArrayList<>();
        try {
            for (var ref : context.getServiceReferences(io.flowmqtt.api.MqttInterface.class, null)) {
                io.flowmqtt.api.MqttInterface i = context.getService(ref);
                if (i != null) {
                    all.add(ref.getProperty(io.flowmqtt.api.MqttInterface.NAME) + "=" + i.status().state() + "/" + i.status().detail());
                    context.ungetService(ref);
                }
            }
        } catch (Exception e) {
            all.add(e.toString());
        }
        return all;
    }

    /** Connected implies the interface's configuration is applied and its queue open. */
    private void awaitConnected(String... names) throws Exception {
        for (String name : names) {
            await("interface " + name + " connected", () -> {
                InterfaceStatus s = interfaceStatus(name);
                return s != null && s.state() == ConnectionState.CONNECTED;
            }, () -> String.valueOf(interfaceStatus(name)));
        }
    }
}
