package io.flowmqtt.api.widgets;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registered by the widgets data source. The device's analytics (or the simulator, or any bundle)
 * report widget values and events through it; the source turns them into events with the
 * created / updated / closed lifecycle and delivers them to the outputs bound to it.
 *
 * <p>Calls never block on MQTT and may come from any thread. Reports of one widget must be made in
 * order.
 */
@ProviderType
public interface WidgetReporter {
    /** A snapshot widget's current value. Unchanged values are not republished. */
    void report(WidgetSnapshot snapshot);

    /** A state of an Events widget's event. */
    void report(WidgetEventReport event);
}
