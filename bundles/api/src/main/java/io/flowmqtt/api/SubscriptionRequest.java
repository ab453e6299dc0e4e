package io.flowmqtt.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What a subscriber asks of a data source.
 *
 * @param subscriber a name for logs (the output's name)
 * @param interval   how often a sampled source (system, network, processing) samples for this
 *                   subscriber; event-driven sources ignore it
 */
public record SubscriptionRequest(String subscriber, Duration interval) {
    public SubscriptionRequest {
        Objects.requireNonNull(subscriber, "subscriber");
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
    }
}
