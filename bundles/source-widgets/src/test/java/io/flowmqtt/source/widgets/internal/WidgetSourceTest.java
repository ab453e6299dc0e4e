package io.flowmqtt.source.widgets.internal;

import static io.flowmqtt.source.widgets.internal.WidgetLifecycleTest.B1;
import static io.flowmqtt.source.widgets.internal.WidgetLifecycleTest.B2;
import static io.flowmqtt.source.widgets.internal.WidgetLifecycleTest.COUNT;
import static io.flowmqtt.source.widgets.internal.WidgetLifecycleTest.SPEED;
import static io.flowmqtt.source.widgets.internal.WidgetLifecycleTest.ZONE;
import static io.flowmqtt.source.widgets.internal.WidgetLifecycleTest.data;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.EventState;
import io.flowmqtt.api.FlowEvent;
import io.flowmqtt.api.Subscription;
import io.flowmqtt.api.SubscriptionRequest;
import io.flowmqtt.api.widgets.KnownWidget;
import io.flowmqtt.api.widgets.WidgetEventReport;
import io.flowmqtt.api.widgets.WidgetRef;
import io.flowmqtt.api.widgets.WidgetSnapshot;
import io.flowmqtt.api.widgets.WidgetType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class WidgetSourceTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static final SubscriptionRequest REQUEST = new SubscriptionRequest("test", Duration.ofSeconds(60));
    private final WidgetSource source = new WidgetSource();

    private static String brief(FlowEvent e) {
        return e.id() + ":" + e.state().wireName() + "#" + e.revision();
    }

    @Test
    public void aLateSubscriberFirstGetsTheOpenEventsThenWhatFollows() {
        List<String> early = new CopyOnWriteArrayList<>();
        source.subscribe(REQUEST, e -> early.add(brief(e)));
        source.report(new WidgetSnapshot(COUNT, B1, 61_000, data(1)));
        source.report(new WidgetSnapshot(COUNT, B1, 62_000, data(2)));
        source.report(new WidgetEventReport(ZONE, "traj-1", EventState.CREATED, 1, data(1)));

        List<String> late = new CopyOnWriteArrayList<>();
        source.subscribe(REQUEST, e -> late.add(brief(e)));
        assertEquals(List.of("1-0-5-60000:updated#2", "traj-1:created#1"), late);

        source.report(new WidgetSnapshot(COUNT, B2, 121_000, data(0)));
        assertEquals(List.of("1-0-5-60000:updated#2", "traj-1:created#1", "1-0-5-60000:closed#3", "1-0-5-120000:created#1"), late);
        assertEquals(List.of("1-0-5-60000:created#1", "1-0-5-60000:updated#2", "traj-1:created#1", "1-0-5-60000:closed#3",
                "1-0-5-120000:created#1"), early);
    }

    @Test
    public void aClosedSubscriptionGetsNothingMore() {
        List<String> got = new CopyOnWriteArrayList<>();
        Subscription subscription = source.subscribe(REQUEST, e -> got.add(brief(e)));
        source.report(new WidgetSnapshot(SPEED, null, 1, data(1)));
        subscription.close();
        source.report(new WidgetSnapshot(SPEED, null, 2, data(2)));
        assertEquals(List.of("1-0-6:created#1"), got);
    }

    @Test
    public void aFailingSubscriberDoesNotStarveTheOthers() {
        source.subscribe(REQUEST, e -> {
            throw new IllegalStateException("broken subscriber");
        });
        List<String> got = new CopyOnWriteArrayList<>();
        source.subscribe(REQUEST, e -> got.add(brief(e)));
        source.report(new WidgetSnapshot(SPEED, null, 1, data(1)));
        assertEquals(List.of("1-0-6:created#1"), got);
    }

    @Test
    public void deactivateClosesLongLivedEvents() {
        List<String> got = new CopyOnWriteArrayList<>();
        source.subscribe(REQUEST, e -> got.add(brief(e)));
        source.report(new WidgetSnapshot(SPEED, null, 1, data(1)));
        source.report(new WidgetSnapshot(COUNT, B1, 61_000, data(1)));
        source.deactivate();
        assertEquals(List.of("1-0-6:created#1", "1-0-5-60000:created#1", "1-0-6:closed#2"), got);
    }

    @Test
    public void theCatalogHoldsEveryWidgetReportedWithItsLatestNameSorted() {
        assertEquals(List.of(), source.widgets());
        source.report(new WidgetSnapshot(COUNT, B1, 61_000, data(1)));
        source.report(new WidgetEventReport(ZONE, "traj-1", EventState.CREATED, 1, data(1)));
        source.report(new WidgetSnapshot(new WidgetRef(1, 0, 5, "Renamed count", WidgetType.VALUE), B1, 62_000, data(2)));
        List<String> widgets = source.widgets().stream()
                .map(k -> k.widget().subject() + " " + k.widget().widgetName() + " " + k.widget().type().jsonId()).toList();
        assertEquals(List.of("1/0/4 Zone events events", "1/0/5 Renamed count value"), widgets);
        assertTrue(source.widgets().stream().allMatch(k -> k.lastReportedAt() > 0));
    }

    @Test
    public void theCatalogIsBounded() {
        ReportedWidgets reported = new ReportedWidgets();
        for (int i = 0; i <= ReportedWidgets.MAX_WIDGETS; i++) {
            reported.reported(new WidgetRef(2, 0, i, "w" + i, WidgetType.VALUE), i);
        }
        List<KnownWidget> all = reported.all();
        assertEquals(ReportedWidgets.MAX_WIDGETS, all.size());
        assertEquals(1, all.get(0).widget().widgetId()); // the one reported longest ago went
    }
}
