package io.flowmqtt.api;

import java.util.Objects;

/**
 * A message for {@link MqttInterface#publish}.
 *
 * @param subTopic the topic below {@link MqttInterface#topicRoot()}, e.g. {@code widgets/3/0/12}
 * @param qos      0, 1 or 2, or -1 for the interface's configured QoS
 * @param retain   whether the broker should retain it
 * @param payload  renders the bytes once the sequence number is known
 */
public record OutboundMessage(String subTopic, int qos, boolean retain, PayloadRenderer payload) {
    public OutboundMessage {
        Objects.requireNonNull(subTopic, "subTopic");
        Objects.requireNonNull(payload, "payload");
        if (qos < -1 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1, 2 or -1 (interface default), was " + qos);
        }
    }
}
