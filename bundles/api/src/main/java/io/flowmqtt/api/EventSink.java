package io.flowmqtt.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a data source delivers events for one subscription. Implementations never block and never
 * throw for a well-formed event, so a source may call them from its own threads.
 */
@ProviderType
@FunctionalInterface
public interface EventSink {
    void accept(FlowEvent event);
}
