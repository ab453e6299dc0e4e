package io.flowmqtt.api;

import org.osgi.annotation.versioning.ConsumerType;

/** A subscriber's handle on a data source. Closing it stops delivery and frees what the source holds for it. */
@ConsumerType
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
