package io.flowmqtt.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Renders a message payload once the interface has assigned it its sequence number. */
@ConsumerType
@FunctionalInterface
public interface PayloadRenderer {
    /**
     * @param seq the interface's next sequence number; it grows by one per accepted message, so a
     *            consumer can detect gaps
     */
    byte[] render(long seq);
}
