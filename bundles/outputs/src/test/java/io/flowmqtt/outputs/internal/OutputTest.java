package io.flowmqtt.outputs.internal;

import static io.flowmqtt.api.EventState.CLOSED;
import static io.flowmqtt.api.EventState.CREATED;
import static io.flowmqtt.api.EventState.UPDATED;
import static io.flowmqtt.outputs.internal.Fakes.settings;
import static io.flowmqtt.outputs.internal.Fakes.widgetEvent;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import io.flowmqtt.api.EventSink;
import io.flowmqtt.api.EventState;
import io.flowmqtt.api.FlowEvent;
import io.flowmqtt.api.PublishResult;
import io.flowmqtt.api.Subscription;
import io.flowmqtt.api.SubscriptionRequest;
import io.flowmqtt.api.spi.SampledDataSource;
import io.flowmqtt.api.status.OutputState;
import io.flowmqtt.api.status.OutputStatus;
import io.flowmqtt.outputs.internal.Fakes.FakeInterface;
import io.flowmqtt.outputs.internal.Fakes.FakeSource;
import io.flowmqtt.outputs.internal.Fakes.ManualScheduler;
import io.flowmqtt.outputs.internal.Fakes.Sent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/** Output with a fake interface, a fake source, a manual scheduler and a manual clock. */
public class OutputTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static final String W = "3/0/12";
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakeInterface iface = new FakeInterface("test");
    private final FakeSource source = new FakeSource();

    private Output output(Object... keyValues) throws InvalidOutputException {
        Output output = new Output("out", scheduler, clock::get, () -> "RCE Block");
        output.configure(settings(keyValues));
        output.bind(source, iface, true);
        return output;
    }

    private void emit(String id, EventState state, long revision, int value) {
        emit(id, W, state, revision, value);
    }

    private void emit(String id, String subject, EventState state, long revision, int value) {
        source.emit(subject.isEmpty() ? FlowEvent.of("system", id, "", state, revision, clock.get(), new JsonObject())
                : widgetEvent(id, subject, state, revision, clock.get(), value));
    }

    /** created#1, updated#2, updated#3, closed#4 of one event. */
    private void fullLifecycle(String id) {
        emit(id, CREATED, 1, 1);
        emit(id, UPDATED, 2, 2);
        emit(id, UPDATED, 3, 3);
        emit(id, CLOSED, 4, 3);
    }

    private static OutputStatus status(Output output) {
        return output.status(true, true);
    }

    // ---- policies ---------------------------------------------------------------------------------

    @Test
    public void everyPolicyAloneAndCombinedPublishesExactlyItsStatesInLifecycleOrder() throws Exception {
        String[][] policies = {
            {"create"}, {"update"}, {"close"}, {"create", "update"}, {"create", "close"}, {"update", "close"},
            {"create", "update", "close"}};
        List<String> lifecycle = List.of("e:created#1", "e:updated#2", "e:updated#3", "e:closed#4");
        for (String[] words : policies) {
            FakeInterface target = new FakeInterface("t");
            FakeSource src = new FakeSource();
            Output output = new Output("out", scheduler, clock::get, () -> "b");
            output.configure(settings("policy", String.join(",", words)));
            output.bind(src, target, true);
            src.emit(widgetEvent("e", W, CREATED, 1, 1, 1));
            src.emit(widgetEvent("e", W, UPDATED, 2, 2, 2));
            src.emit(widgetEvent("e", W, UPDATED, 3, 3, 3));
            src.emit(widgetEvent("e", W, CLOSED, 4, 4, 3));
            Set<String> wanted = Set.of(words);
            List<String> expected = lifecycle.stream().filter(b -> wanted.stream().anyMatch(w -> b.contains(w))).toList();
            assertEquals(String.join(",", words), expected, target.briefs());
            OutputStatus status = output.status(true, true);
            assertEquals(4, status.received());
            assertEquals(expected.size(), status.published());
            assertEquals(4 - expected.size(), status.filtered());
            assertEquals(0, status.coalesced());
        }
    }

    @Test
    public void theStatusSaysWhenAMessageWasLastPublished() throws Exception {
        Output output = output("policy", "update");
        assertEquals(0, status(output).lastPublishedAt());
        emit("a", CREATED, 1, 1); // filtered: not published
        assertEquals(0, status(output).lastPublishedAt());
        clock.addAndGet(5_000);
        emit("a", UPDATED, 2, 2);
        assertEquals(clock.get(), status(output).lastPublishedAt());
    }

    @Test
    public void closeOnlyPublishesTheFinalValues() throws Exception {
        Output output = output("policy", "close");
        fullLifecycle("a");
        emit("b", CREATED, 1, 10);
        emit("b", UPDATED, 2, 11);
        emit("b", CLOSED, 3, 12);
        assertEquals(List.of("a:closed#4", "b:closed#3"), iface.briefs());
        assertEquals(3, iface.sent.get(0).value());
        assertEquals(12, iface.sent.get(1).value());
        assertEquals(5, status(output).filtered());
    }

    @Test
    public void interleavedEventsKeepEachEventsOrder() throws Exception {
        output("policy", "create,update,close");
        emit("a", CREATED, 1, 1);
        emit("b", "3/0/13", CREATED, 1, 1);
        emit("a", UPDATED, 2, 2);
        emit("b", "3/0/13", CLOSED, 2, 1);
        emit("a", CLOSED, 3, 2);
        assertEquals(List.of("a:created#1", "b:created#1", "a:updated#2", "b:closed#2", "a:closed#3"), iface.briefs());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), iface.sent.stream().map(Sent::seq).toList());
    }

    // ---- widget selection -------------------------------------------------------------------------

    @Test
    public void widgetSelectionFilters() throws Exception {
        Output output = output("widgets", "3/0/*, 12");
        emit("in1", "3/0/1", CREATED, 1, 1);
        emit("out1", "3/1/1", CREATED, 1, 1);
        emit("in2", "1/2/12", CREATED, 1, 1);
        emit("out2", "4/0/5", CREATED, 1, 1);
        emit("in3", "3/0/12", UPDATED, 2, 1);
        assertEquals(List.of("in1:created#1", "in2:created#1", "in3:updated#2"), iface.briefs());
        OutputStatus status = status(output);
        assertEquals(5, status.received());
        assertEquals(2, status.filtered());
        assertEquals(3, status.published());
    }

    // ---- topics, QoS, retain, payload ---------------------------------------------------------------

    @Test
    public void subTopicIsTheSourceThenTheWidgetPath() throws Exception {
        output();
        emit("e", CREATED, 1, 1);
        assertEquals("widgets/3/0/12", iface.sent.get(0).subTopic());
    }

    @Test
    public void topicOverrideReplacesTheSourcePart() throws Exception {
        output("topic", "counts/north", "qos", 2, "retain", true);
        emit("e", CREATED, 1, 1);
        Sent sent = iface.sent.get(0);
        assertEquals("counts/north/3/0/12", sent.subTopic());
        assertEquals(2, sent.qos());
        assertTrue(sent.retain());
    }

    @Test
    public void diagnosticsWithoutSubjectGoToTheSourceTopic() throws Exception {
        output("source", "system");
        source.emit(FlowEvent.of("system", "system-1", "", CREATED, 1, 5, new JsonObject()));
        assertEquals("system", iface.sent.get(0).subTopic());
        assertEquals(-1, iface.sent.get(0).qos());
        assertEquals(Duration.ofSeconds(60), source.requests.get(0).interval());
        assertEquals("out", source.requests.get(0).subscriber());
    }

    @Test
    public void payloadCarriesTheBlockNameTheInterfacesDeviceIdAndSeq() throws Exception {
        output();
        emit("e", CREATED, 1, 7);
        emit("e", UPDATED, 2, 8);
        JsonObject first = iface.sent.get(0).payload();
        assertEquals("RCE Block", first.get("block_name").getAsString());
        assertEquals("block_name", first.keySet().iterator().next());
        assertEquals("dev", first.get("device_id").getAsString());
        assertEquals(1, first.get("seq").getAsLong());
        assertEquals(2, iface.sent.get(1).payload().get("seq").getAsLong());
        assertTrue(!first.get("message_id").getAsString().equals(iface.sent.get(1).payload().get("message_id").getAsString()));
    }

    // ---- update coalescing ------------------------------------------------------------------------

    @Test
    public void updatesWithinTheWindowAreHeldNewestWinsAndFlushAfterTheWindow() throws Exception {
        Output output = output("minUpdateInterval", "1000ms");
        long t0 = clock.get();
        emit("e", CREATED, 1, 1);                   // sent; the window starts
        clock.set(t0 + 100);
        emit("e", UPDATED, 2, 2);                   // held
        clock.set(t0 + 200);
        emit("e", UPDATED, 3, 3);                   // replaces the held one
        assertEquals(List.of("e:created#1"), iface.briefs());
        assertEquals(1, status(output).coalesced());
        assertEquals(1, scheduler.pending());
        assertEquals(t0 + 1000, scheduler.nextDue());

        clock.set(t0 + 999);
        assertEquals(0, scheduler.runDue());
        clock.set(t0 + 1000);
        scheduler.runDue();
        assertEquals(List.of("e:created#1", "e:updated#3"), iface.briefs());
        assertEquals(3, iface.sent.get(1).value());

        clock.set(t0 + 1100);
        emit("e", UPDATED, 4, 4);                   // held until t0 + 2000
        assertEquals(t0 + 2000, scheduler.nextDue());
        clock.set(t0 + 2500);
        scheduler.runDue();
        assertEquals(List.of("e:created#1", "e:updated#3", "e:updated#4"), iface.briefs());

        clock.set(t0 + 3600);                       // more than a window after the last one: goes at once
        emit("e", UPDATED, 5, 5);
        assertEquals("e:updated#5", iface.briefs().get(3));
        assertEquals(0, scheduler.pending());

        OutputStatus status = status(output);
        assertEquals(5, status.received());
        assertEquals(4, status.published());
        assertEquals(1, status.coalesced());
        assertEquals(0, status.filtered());
        assertEquals(0, status.rejected());
    }

    @Test
    public void aCloseSupersedesAHeldUpdateAndGoesOut() throws Exception {
        Output output = output("minUpdateInterval", "1000ms");
        long t0 = clock.get();
        emit("e", CREATED, 1, 1);
        clock.set(t0 + 10);
        emit("e", UPDATED, 2, 2);
        clock.set(t0 + 20);
        emit("e", CLOSED, 3, 2);
        assertEquals(List.of("e:created#1", "e:closed#3"), iface.briefs());
        assertEquals(2, iface.sent.get(1).value());
        clock.set(t0 + 5000);
        scheduler.runDue();                         // the flush finds nothing held
        assertEquals(List.of("e:created#1", "e:closed#3"), iface.briefs());
        OutputStatus status = status(output);
        assertEquals(1, status.coalesced());
        assertEquals(2, status.published());
    }

    @Test
    public void aCreateIsNeverHeld() throws Exception {
        output("minUpdateInterval", "60s");
        emit("a", CREATED, 1, 1);
        emit("a", UPDATED, 2, 2);                   // held
        emit("b", "3/0/13", CREATED, 1, 1);         // not held, although a is
        emit("c", "3/0/14", CREATED, 1, 1);
        emit("a", CLOSED, 3, 2);
        emit("d", CREATED, 1, 1);
        assertEquals(List.of("a:created#1", "b:created#1", "c:created#1", "a:closed#3", "d:created#1"), iface.briefs());
    }

    @Test
    public void withoutCloseInThePolicyAHeldUpdateGoesOutWhenTheEventCloses() throws Exception {
        Output output = output("minUpdateInterval", "1000ms", "policy", "create,update");
        emit("e", CREATED, 1, 1);
        emit("e", UPDATED, 2, 2);
        emit("e", UPDATED, 3, 3);
        emit("e", CLOSED, 4, 3);
        assertEquals(List.of("e:created#1", "e:updated#3"), iface.briefs());
        clock.addAndGet(5000);
        scheduler.runDue();
        assertEquals(2, iface.sent.size());
        OutputStatus status = status(output);
        assertEquals(1, status.filtered());
        assertEquals(1, status.coalesced());
    }

    @Test
    public void updateOnlyPolicyWithCoalescing() throws Exception {
        Output output = output("minUpdateInterval", "1000ms", "policy", "update");
        long t0 = clock.get();
        emit("e", CREATED, 1, 1);                   // filtered; starts no window
        emit("e", UPDATED, 2, 2);                   // first update: goes at once
        clock.set(t0 + 500);
        emit("e", UPDATED, 3, 3);                   // held until t0 + 1000
        assertEquals(List.of("e:updated#2"), iface.briefs());
        clock.set(t0 + 1000);
        scheduler.runDue();
        assertEquals(List.of("e:updated#2", "e:updated#3"), iface.briefs());
        assertEquals(1, status(output).filtered());
    }

    @Test
    public void aRebindDropsHeldUpdatesAndTheTimersOfTheOldBinding() throws Exception {
        Output output = output("minUpdateInterval", "1000ms");
        long t0 = clock.get();
        emit("e", CREATED, 1, 1);
        clock.set(t0 + 100);
        emit("e", UPDATED, 2, 2);                   // held, flush due at t0 + 1000
        output.configure(settings("minUpdateInterval", "10s"));
        output.bind(source, iface, true);           // live reconfiguration
        emit("e", UPDATED, 3, 3);                   // first update of the new binding: goes at once
        clock.set(t0 + 200);
        emit("e", UPDATED, 4, 4);                   // held for the new window: due at t0 + 10100
        clock.set(t0 + 1000);
        scheduler.runDue();                         // the old binding's timer must not flush it early
        assertEquals(List.of("e:created#1", "e:updated#3"), iface.briefs());
        clock.set(t0 + 10_100);
        scheduler.runDue();
        assertEquals(List.of("e:created#1", "e:updated#3", "e:updated#4"), iface.briefs());
    }

    @Test
    public void eventsOfDifferentWidgetsWithTheSameIdAreCoalescedSeparately() throws Exception {
        // Events widgets carry FLOW's own event ids, which are unique per widget, not per block.
        output("minUpdateInterval", "1000ms");
        long t0 = clock.get();
        emit("traj-1", "1/0/4", CREATED, 1, 1);
        emit("traj-1", "1/0/5", CREATED, 1, 1);
        clock.set(t0 + 100);
        emit("traj-1", "1/0/4", UPDATED, 2, 40);
        emit("traj-1", "1/0/5", UPDATED, 2, 50);
        clock.set(t0 + 1000);
        scheduler.runDue();
        List<String> updates = iface.sent.stream().filter(s -> s.state().equals("updated"))
                .map(s -> s.subTopic() + "=" + s.value()).sorted().toList();
        assertEquals(List.of("widgets/1/0/4=40", "widgets/1/0/5=50"), updates);
    }

    @Test
    public void rejectedAndDroppedMessagesAreCounted() throws Exception {
        Output output = output();
        emit("e", CREATED, 1, 1);
        iface.result = PublishResult.REJECTED;
        emit("e", UPDATED, 2, 2);
        iface.result = PublishResult.DROPPED;
        emit("e", UPDATED, 3, 3);
        iface.result = PublishResult.QUEUED_DROPPED_OLDEST;
        emit("e", CLOSED, 4, 3);
        OutputStatus status = status(output);
        assertEquals(2, status.published());
        assertEquals(2, status.rejected());
        assertEquals(4, status.received());
    }

    // ---- binding and status -----------------------------------------------------------------------

    @Test
    public void statusStates() throws Exception {
        Output output = output("interface", "plant1", "source", "network");
        OutputStatus active = output.status(true, true);
        assertEquals(OutputState.ACTIVE, active.state());
        assertEquals("out", active.name());
        assertEquals("plant1", active.interfaceName());
        assertEquals("network", active.source());
        assertEquals(OutputState.WAITING_FOR_SOURCE, output.status(false, true).state());
        assertEquals("waiting for source network", output.status(false, true).detail());
        assertEquals(OutputState.WAITING_FOR_INTERFACE, output.status(true, false).state());
        assertEquals("waiting for interface plant1", output.status(true, false).detail());

        output.configure(settings("enabled", false));
        assertEquals(OutputState.DISABLED, output.status(true, true).state());

        output.invalid("policy: 'creat' is not one of create, update, close");
        OutputStatus invalid = output.status(true, true);
        assertEquals(OutputState.INVALID_CONFIGURATION, invalid.state());
        assertTrue(invalid.detail(), invalid.detail().contains("policy: 'creat'"));
        assertEquals("out", invalid.name());
    }

    @Test
    public void statusIsActiveOnlyOnceTheCurrentSettingsAreBound() throws Exception {
        Output output = output();
        assertEquals(OutputState.ACTIVE, status(output).state());
        output.configure(settings("interface", "other"));     // Config Admin delivered; the rebind follows
        OutputStatus between = output.status(true, true);
        assertEquals(OutputState.WAITING_FOR_SOURCE, between.state());
        assertEquals("subscribing to source widgets", between.detail());
        output.bind(source, new FakeInterface("other"), true);
        OutputStatus after = output.status(true, true);
        assertEquals(OutputState.ACTIVE, after.state());
        assertEquals("other", after.interfaceName());
    }

    @Test
    public void aDepartingSourcesClosesArePublishedAfterItsUnregistration() throws Exception {
        // DS order: the service is unregistered (the hub rebinds the output), then the source's deactivate closes its events
        Output output = output();
        emit("run", "", CREATED, 1, 1);
        output.sourceDeparting(source);
        output.bind(null, iface, false);
        assertEquals(0, source.closed);
        emit("run", "", UPDATED, 2, 2);             // not a last word: dropped
        emit("run", "", CLOSED, 3, 2);              // the orderly shutdown's close: published
        assertEquals(List.of("run:created#1", "run:closed#3"), iface.briefs());
        assertEquals(OutputState.WAITING_FOR_SOURCE, output.status(false, true).state());

        FakeSource next = new FakeSource();
        output.bind(next, iface, false);            // the source is back: the departed one's subscription is let go
        assertEquals(1, source.closed);
        emit("run", "", CLOSED, 4, 2);
        assertEquals(2, iface.sent.size());
        next.emit(widgetEvent("run2", W, CREATED, 1, 1, 1));
        assertEquals("run2:created#1", iface.briefs().get(2));
    }

    @Test
    public void aDepartingSourcesClosesFollowThePolicyAndSelection() throws Exception {
        Output output = output("policy", "create,update", "widgets", "3/0/*");
        output.sourceDeparting(source);
        output.unbind();
        emit("a", "3/0/1", CLOSED, 2, 1);
        assertTrue(iface.sent.isEmpty());
        assertEquals(1, status(output).filtered());
        output.close();
        assertEquals(1, source.closed);
    }

    @Test
    public void withoutDepartureAnUnbindEndsTheSubscriptionAtOnce() throws Exception {
        Output output = output();
        output.sourceDeparting(new FakeSource());   // some other source goes away
        output.configure(settings("source", "system"));
        output.bind(null, iface, true);             // reconfigured to a source type that is not there
        assertEquals(1, source.closed);
        emit("e", CLOSED, 2, 1);
        assertTrue(iface.sent.isEmpty());
    }

    @Test
    public void anUnboundOrDisabledOutputTakesNothing() throws Exception {
        Output output = output();
        output.unbind();
        assertEquals(1, source.closed);
        assertTrue(source.sinks.isEmpty());

        output.configure(settings("enabled", false));
        output.bind(source, iface, true);
        assertTrue("a disabled output does not subscribe", source.sinks.isEmpty());
        assertEquals(0, status(output).received());
    }

    @Test
    public void rebindingToAnotherInterfacePublishesThereAndClosesTheOldSubscription() throws Exception {
        Output output = output();
        emit("e", CREATED, 1, 1);
        FakeInterface other = new FakeInterface("other");
        output.configure(settings("interface", "other"));
        output.bind(source, other, true);
        assertEquals(1, source.closed);
        assertEquals(1, source.sinks.size());
        emit("e", UPDATED, 2, 2);
        assertEquals(List.of("e:created#1"), iface.briefs());
        assertEquals(List.of("e:updated#2"), other.briefs());
    }

    @Test
    public void unchangedBindingDoesNotResubscribe() throws Exception {
        Output output = output();
        output.bind(source, iface, false);
        output.bind(source, iface, false);
        assertEquals(1, source.requests.size());
        assertEquals(0, source.closed);
        output.bind(source, iface, true);           // settings changed: subscribe afresh
        assertEquals(2, source.requests.size());
        assertEquals(1, source.closed);
    }

    @Test
    public void aRefusedSubscriptionIsReportedAndClearedWhenASourceAccepts() throws Exception {
        Output output = new Output("out", scheduler, clock::get, () -> "b");
        output.configure(settings());
        FakeSource refusing = new FakeSource() {
            @Override
            public Subscription subscribe(SubscriptionRequest request, EventSink sink) {
                throw new IllegalStateException("no more subscribers");
            }
        };
        output.bind(refusing, iface, true);
        OutputStatus refused = output.status(true, true);
        assertEquals(OutputState.WAITING_FOR_SOURCE, refused.state());
        assertTrue(refused.detail(), refused.detail().contains("no more subscribers"));

        output.bind(source, iface, false);          // another source of the type came
        assertEquals(1, source.sinks.size());
        assertEquals(OutputState.ACTIVE, output.status(true, true).state());
        emit("e", CREATED, 1, 1);
        assertEquals(1, iface.sent.size());
    }

    @Test
    public void concurrentBindsLeaveExactlyOneSubscription() throws Exception {
        CountDownLatch inFirstSubscribe = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        FakeSource slow = new FakeSource() {
            private boolean first = true;

            @Override
            public Subscription subscribe(SubscriptionRequest request, EventSink sink) {
                boolean block;
                synchronized (this) {
                    block = first;
                    first = false;
                }
                if (block) {
                    inFirstSubscribe.countDown();
                    try {
                        releaseFirst.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.subscribe(request, sink);
            }
        };
        Output output = new Output("out", scheduler, clock::get, () -> "b");
        output.configure(settings());
        FakeInterface other = new FakeInterface("test"); // the interface re-registered: same name, new service object
        Thread first = new Thread(() -> output.bind(slow, iface, true));
        first.start();
        assertTrue(inFirstSubscribe.await(5, TimeUnit.SECONDS));
        output.bind(slow, other, false);            // a rebind while the first bind is still subscribing
        releaseFirst.countDown();
        first.join(5000);

        slow.emit(widgetEvent("e", W, CREATED, 1, 1, 1));
        List<String> all = new ArrayList<>(iface.briefs());
        all.addAll(other.briefs());
        assertEquals("one subscription, one message, on the current interface", List.of("e:created#1"), other.briefs());
        assertEquals(List.of("e:created#1"), all);
        assertEquals(1, slow.sinks.size());
    }

    @Test
    public void receivedIsCountedOnlyWhileBound() throws Exception {
        Output output = output();
        EventSink sink = source.sinks.get(0);
        output.unbind();
        sink.accept(widgetEvent("e", W, CREATED, 1, 1, 1));
        assertEquals(0, status(output).received());
        assertEquals(0, iface.sent.size());
        assertEquals(EnumSet.allOf(EventState.class), output.settings().policy().states());
    }

    @Test
    public void aSampledSourceWhoseSamplingFailsSaysSoInTheDetailOfTheActiveOutput() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        SampledDataSource sensor = new SampledDataSource("sensor") {
            @Override
            protected JsonObject sample() throws IOException {
                if (broken.get()) {
                    throw new IOException("sensor gone");
                }
                return new JsonObject();
            }
        };
        try {
            Output output = new Output("out", scheduler, clock::get, () -> "RCE Block");
            output.configure(settings("source", "sensor", "interval", "100ms"));
            output.bind(sensor, iface, true);
            awaitDetail(output, d -> d.contains("sampling failing"));
            OutputStatus failing = status(output);
            assertEquals(OutputState.ACTIVE, failing.state());
            assertTrue(failing.detail(), failing.detail().startsWith("publishing sensor (3 of 3 states) to test; but source sensor: "
                    + "sampling failing since "));
            assertTrue(failing.detail(), failing.detail().endsWith("java.io.IOException: sensor gone"));

            broken.set(false);
            awaitDetail(output, d -> !d.contains("sampling"));
            assertEquals("publishing sensor (3 of 3 states) to test", status(output).detail());
        } finally {
            sensor.shutdown();
        }
    }

    private static void awaitDetail(Output output, Predicate<String> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (!condition.test(status(output).detail())) {
            assertTrue("timed out; detail: " + status(output).detail(), System.currentTimeMillis() < deadline);
            Thread.sleep(10); // polling a condition
        }
    }
}
