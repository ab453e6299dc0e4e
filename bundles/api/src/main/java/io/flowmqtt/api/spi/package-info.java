/**
 * Helpers for data-source authors. Optional: a source only has to implement
 * {@link io.flowmqtt.api.DataSource}.
 */
@Export
@Version("1.0.0")
package io.flowmqtt.api.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
