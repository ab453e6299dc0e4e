package io.flowmqtt.source.widgets.internal;

import io.flowmqtt.api.DataSource;
import io.flowmqtt.api.EventSink;
import io.flowmqtt.api.FlowEvent;
import io.flowmqtt.api.Subscription;
import io.flowmqtt.api.SubscriptionRequest;
import io.flowmqtt.api.widgets.KnownWidget;
import io.flowmqtt.api.widgets.WidgetCatalog;
import io.flowmqtt.api.widgets.WidgetEventReport;
import io.flowmqtt.api.widgets.WidgetReporter;
import io.flowmqtt.api.widgets.WidgetSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The widgets data source and the reporter the analytics use. Reports are turned into events and
 * delivered to every subscriber under one lock, so each event's states reach every output in
 * lifecycle order. A subscriber that joins late first receives the latest state of every open event.
 */
@Component(service = {DataSource.class, WidgetReporter.class, WidgetCatalog.class},
        property = DataSource.TYPE + "=" + WidgetLifecycle.SOURCE)
public final class WidgetSource implements DataSource, WidgetReporter, WidgetCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(WidgetSource.class);

    /** Framework property: where runtime state lives; open events go to {@code <dir>/widgets/open-events.json}. */
    static final String DATA_DIR_PROPERTY = "flow.data.dir";

    private final WidgetLifecycle lifecycle = new WidgetLifecycle();
    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();
    private final ReportedWidgets reported = new ReportedWidgets();
    private final OpenEventStore store;

    /** Without persistence of open events (tests). */
    public WidgetSource() {
        this((OpenEventStore) null);
    }

    @Activate
    public WidgetSource(BundleContext context) {
        this(new OpenEventStore(dataDir(context).resolve("widgets").resolve("open-events.json")));
    }

    WidgetSource(OpenEventStore store) {
        this.store = store;
        if (store != null) {
            List<FlowEvent> restored = store.takeAll();
            lifecycle.restore(restored);
            if (!restored.isEmpty()) {
                LOG.info("{} open widget event(s) restored from the last orderly shutdown", restored.size());
            }
        }
    }

    private static Path dataDir(BundleContext context) {
        String dir = context.getProperty(DATA_DIR_PROPERTY);
        return dir != null && !dir.isBlank() ? Path.of(dir) : context.getDataFile("").toPath();
    }

    @Override
    public synchronized Subscription subscribe(SubscriptionRequest request, EventSink sink) {
        for (FlowEvent event : lifecycle.openEvents()) {
            deliver(sink, event);
        }
        sinks.add(sink);
        return () -> sinks.remove(sink);
    }

    @Override
    public synchronized void report(WidgetSnapshot snapshot) {
        reported.reported(snapshot.widget(), System.currentTimeMillis());
        publish(lifecycle.onSnapshot(snapshot));
    }

    @Override
    public synchronized void report(WidgetEventReport event) {
        reported.reported(event.widget(), System.currentTimeMillis());
        publish(lifecycle.onEvent(event));
    }

    /** Not under this source's lock: a picker reading the catalog must not wait for deliveries to outputs. */
    @Override
    public List<KnownWidget> widgets() {
        return reported.all();
    }

    @Deactivate
    synchronized void deactivate() {
        publish(lifecycle.closeLongLived(System.currentTimeMillis()));
        sinks.clear();
        if (store != null) {
            try {
                store.save(List.copyOf(lifecycle.openEvents()));
            } catch (IOException e) {
                LOG.warn("Open widget events could not be saved; after the restart they start again as created: {}", e.toString());
            }
        }
    }

    private void publish(List<FlowEvent> events) {
        for (FlowEvent event : events) {
            for (EventSink sink : sinks) {
                deliver(sink, event);
            }
        }
    }

    private static void deliver(EventSink sink, FlowEvent event) {
        try {
            sink.accept(event);
        } catch (RuntimeException e) {
            // one broken subscriber must not starve the others
            LOG.error("A subscriber failed on event {}", event, e);
        }
    }
}
