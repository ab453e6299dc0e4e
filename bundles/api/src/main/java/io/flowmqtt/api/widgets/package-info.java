/**
 * The service through which the device's analytics (or any bundle) reports widget values
 * and widget events to the widgets data source.
 */
@Export
@Version("1.0.0")
package io.flowmqtt.api.widgets;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
