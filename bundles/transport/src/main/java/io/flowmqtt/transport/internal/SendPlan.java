package io.flowmqtt.transport.internal;

/**
 * Where and how a queued message goes out, decided when it is sent rather than when it was queued: a fixed
 * topic prefix or device ID, or a lower QoS, then applies to the backlog too, and a broker that grants less
 * than the message asks for gets what it grants.
 */
final class SendPlan {
    private SendPlan() {
    }

    /** The full topic: below the current topic root, or as queued by a journal of the old format. */
    static String topic(MessageJournal.Entry entry, String topicRoot) {
        return entry.relative() ? topicRoot + "/" + entry.topic() : entry.topic();
    }

    /**
     * The QoS to send with: the message's own, or the interface's for -1, capped at what the broker granted
     * ({@code brokerMaxQos} -1 while unknown).
     */
    static int qos(MessageJournal.Entry entry, int interfaceQos, int brokerMaxQos) {
        int wanted = entry.qos() < 0 ? interfaceQos : entry.qos();
        return brokerMaxQos < 0 ? wanted : Math.min(wanted, brokerMaxQos);
    }
}
