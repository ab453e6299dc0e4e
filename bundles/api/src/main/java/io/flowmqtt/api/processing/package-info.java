/**
 * Processing units (one per analytic) that the processing-state source reports on. The
 * real analytics or the simulator registers one service per unit.
 */
@Export
@Version("1.0.0")
package io.flowmqtt.api.processing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
