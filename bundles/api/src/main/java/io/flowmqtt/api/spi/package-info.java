/**
 * Helpers for data-source and configuration-validator authors. Optional: a source only has to implement
 * {@link io.flowmqtt.api.DataSource}.
 *
 * <p>1.1: {@link io.flowmqtt.api.spi.OrderlyScheduler} (a plugin's thread that stops without
 * interrupting), {@link io.flowmqtt.api.spi.SamplingStatus} and
 * {@link io.flowmqtt.api.spi.SampledDataSource#samplingStatus()};
 * {@link io.flowmqtt.api.spi.AnnotationConfiguration} and {@link io.flowmqtt.api.spi.ConfigurationProblems}
 * (a configuration checked by a component's own validation before it is written, for a
 * {@link io.flowmqtt.api.ConfigurationValidator}).
 */
@Export
@Version("1.1.0")
package io.flowmqtt.api.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
