package io.flowmqtt.operator.api.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Follows the services of one type as they come, change and go, and calls back with each one's properties.
 * Lets {@link Services} and {@link Sources} be plain objects of {@link OperatorComponent} rather than
 * DS components registered as services only so that DS wires them. {@link #open()} calls back for the
 * services already there before it returns.
 */
final class ServiceWatch<S> {
    private final ServiceTracker<S, S> tracker;

    /** @param modified called when a service's properties change; null: nothing to do then */
    ServiceWatch(BundleContext context, Class<S> type, BiConsumer<S, Map<String, Object>> added,
                 BiConsumer<S, Map<String, Object>> modified, Consumer<S> removed) {
        this.tracker = new ServiceTracker<>(context, type, null) {
            @Override
            public S addingService(ServiceReference<S> reference) {
                S service = context.getService(reference);
                if (service != null) {
                    added.accept(service, properties(reference));
                }
                return service;
            }

            @Override
            public void modifiedService(ServiceReference<S> reference, S service) {
                if (modified != null) {
                    modified.accept(service, properties(reference));
                }
            }

            @Override
            public void removedService(ServiceReference<S> reference, S service) {
                removed.accept(service);
                context.ungetService(reference);
            }
        };
    }

    private static Map<String, Object> properties(ServiceReference<?> reference) {
        Map<String, Object> properties = new HashMap<>();
        for (String key : reference.getPropertyKeys()) {
            properties.put(key, reference.getProperty(key));
        }
        return properties;
    }

    ServiceWatch<S> open() {
        tracker.open();
        return this;
    }

    /** The highest-ranked of the services now there; null when there is none. */
    S best() {
        return tracker.getService();
    }

    void close() {
        tracker.close();
    }
}
