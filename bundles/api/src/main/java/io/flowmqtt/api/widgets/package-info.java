/**
 * The service through which the device's analytics (or any bundle) reports widget values
 * and widget events to the widgets data source.
 *
 * <p>1.1: {@link io.flowmqtt.api.widgets.WidgetCatalog} and {@link io.flowmqtt.api.widgets.KnownWidget}
 * (the widgets reported since start, for an operator's widget picker).
 */
@Export
@Version("1.1.0")
package io.flowmqtt.api.widgets;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
