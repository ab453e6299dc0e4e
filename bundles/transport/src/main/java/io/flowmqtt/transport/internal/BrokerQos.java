package io.flowmqtt.transport.internal;

/**
 * Words for what a broker's answer to a QoS 2 subscription says about the QoS it takes. MQTT 3.1.1 has no
 * other way to ask: NATS 2.9 grants QoS 1 and closes the connection on a QoS 2 publish; RabbitMQ 3.10 grants
 * QoS 1 and answers a QoS 2 publish with a PUBACK, which Paho 1.2.5 takes as completion but which now and then
 * leaves its in-flight accounting behind ("Too many publishes in progress", 32202, with nothing in flight: seen
 * in 2 of 6 runs of 1,000 publishes). So an interface sends at most what the broker grants.
 */
final class BrokerQos {
    /** Paho's granted QoS for a refused subscription. */
    static final int REFUSED = 0x80;

    private BrokerQos() {
    }

    /**
     * @param granted    what the broker granted, or -1 when it refused or did not answer
     * @param configured the interface's QoS
     * @param failure    why there was no grant, or {@code null}
     */
    static String describe(int granted, int configured, Throwable failure) {
        if (granted < 0 || granted > 2) {
            return "the broker did not grant a QoS 2 subscription (" + (failure == null ? "refused" : ErrorText.describe(failure))
                    + "), so the QoS it supports is not known: messages go out at the QoS asked for";
        }
        if (granted == 2) {
            return "the broker grants QoS 2: messages go out at the QoS asked for";
        }
        return "the broker grants at most QoS " + granted + ": messages asked at a higher QoS"
                + (configured > granted ? " (this interface's is " + configured + ")" : "") + " go out at QoS " + granted;
    }
}
