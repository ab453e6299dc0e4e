/**
 * The FLOW MQTT contract: the event model, the data-source SPI, the MQTT interface service
 * as outputs see it, and the device identity.
 *
 * <p>2.0: the status and result data ({@code InterfaceStatus}, {@code Counters}, {@code OutputStatus},
 * {@code ConnectionState}, {@code OutputState}, {@code ConnectionCheck}, {@code CertificateInfo}, {@code LogEntry})
 * moved to {@link io.flowmqtt.api.status}, as classes with builders instead of records, so that they can gain
 * fields in a minor version.
 */
@Export
@Version("2.0.0")
package io.flowmqtt.api;

import io.flowmqtt.api.status.CertificateInfo;
import io.flowmqtt.api.status.ConnectionCheck;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.Counters;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.api.status.LogEntry;
import io.flowmqtt.api.status.OutputState;
import io.flowmqtt.api.status.OutputStatus;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
