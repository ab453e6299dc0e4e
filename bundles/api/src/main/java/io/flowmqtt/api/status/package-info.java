/**
 * What the interfaces, outputs and sampled sources report about themselves: snapshots, counters, log lines and
 * connection tests, as data for status pages, metrics and health checks.
 *
 * <p>The data types are final classes built with a builder ({@code InterfaceStatus.builder()...build()}), not
 * records, so that a field can be added in a minor version: a new builder method and accessor break no caller,
 * where a record's canonical constructor would. Accessors are named after the field ({@code status.state()}).
 * Every type is immutable.
 */
@Export
@Version("1.0.0")
package io.flowmqtt.api.status;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
