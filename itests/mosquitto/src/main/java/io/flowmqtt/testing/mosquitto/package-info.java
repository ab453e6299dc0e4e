/** Real Mosquitto brokers, certificates and a waiting subscriber, for tests only. */
@Export
@Version("1.0.0")
package io.flowmqtt.testing.mosquitto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
