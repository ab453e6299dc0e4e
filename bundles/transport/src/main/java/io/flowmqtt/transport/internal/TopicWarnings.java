package io.flowmqtt.transport.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Characters that MQTT allows in a topic but that common brokers refuse or change. They are warnings,
 * not errors: Mosquitto, HiveMQ and RabbitMQ take them, and refusing them would break working set-ups.
 * NATS maps MQTT levels onto its subjects, where {@code .} separates tokens, {@code *} and {@code >} are
 * wildcards and a space ends the subject: it closes the connection on such a topic.
 */
final class TopicWarnings {
    private TopicWarnings() {
    }

    static List<String> of(String topicRoot) {
        List<String> warnings = new ArrayList<>();
        if (topicRoot.indexOf(' ') >= 0) {
            warnings.add(sentence(topicRoot, "a space", "NATS refuses such topics (it closes the connection)"));
        }
        if (topicRoot.indexOf('.') >= 0) {
            warnings.add(sentence(topicRoot, "a '.'", "NATS refuses such topics and RabbitMQ turns '.' into '/' "
                    + "for its AMQP consumers"));
        }
        if (topicRoot.indexOf('*') >= 0 || topicRoot.indexOf('>') >= 0) {
            warnings.add(sentence(topicRoot, "a '*' or '>'", "NATS takes them for wildcards and refuses such topics"));
        }
        return warnings;
    }

    private static String sentence(String topicRoot, String what, String consequence) {
        return "the topic root '" + topicRoot + "' (topicPrefix and device ID) contains " + what + ": " + consequence
                + "; use letters, digits, '-' and '_' for a broker-neutral topic";
    }
}
