/**
 * Helpers for data-source and configuration-validator authors. Optional: a source only has to implement
 * {@link io.flowmqtt.api.DataSource}.
 *
 * <p>1.1: {@link io.flowmqtt.api.spi.OrderlyScheduler} (a plugin's thread that stops without
 * interrupting) and {@link io.flowmqtt.api.spi.SampledDataSource#samplingStatus()};
 * {@link io.flowmqtt.api.spi.AnnotationConfiguration} and {@link io.flowmqtt.api.spi.ConfigurationProblems}
 * (a configuration checked by a component's own validation before it is written, for a
 * {@link io.flowmqtt.api.ConfigurationValidator}).
 *
 * <p>2.0: {@code SamplingStatus} moved to {@link io.flowmqtt.api.status}; {@code FactoryInstances} (FileInstall
 * file-name parsing) is no API any more and left the package.
 */
@Export
@Version("2.0.0")
package io.flowmqtt.api.spi;

import io.flowmqtt.api.status.SamplingStatus;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
