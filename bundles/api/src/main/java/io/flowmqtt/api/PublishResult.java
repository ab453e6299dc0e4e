package io.flowmqtt.api;

/** What {@link MqttInterface#publish} did with a message. */
public enum PublishResult {
    /** In the queue; it will be sent when the broker is reachable. */
    QUEUED,
    /** Queued, and an older message was dropped to make room (drop policy {@code OLDEST}). */
    QUEUED_DROPPED_OLDEST,
    /** Not queued: the queue is full and the drop policy is {@code NEWEST}. */
    DROPPED,
    /** Not queued: the interface is disabled or its configuration is invalid, or the message is unusable. */
    REJECTED
}
