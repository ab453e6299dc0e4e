/**
 * The FLOW MQTT contract: the event model, the data-source SPI, the MQTT interface service
 * as outputs see it, and the device identity.
 */
@Export
@Version("1.1.0")
package io.flowmqtt.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
