package io.flowmqtt.api;

import java.util.List;

/**
 * The outcome of a staged connection test against one broker address: which steps passed, how long
 * each took, and in words why the first failing one failed. Steps run in order and stop at the
 * first failure: {@code dns}, {@code tcp} (or {@code socket} for unix), {@code tls} (secure
 * addresses), {@code connack} (MQTT CONNECT with the interface's credentials), {@code puback} (a
 * QoS 1 publish to {@code <root>/status/test}), {@code qos} (a subscription at the interface's QoS: the QoS the
 * broker grants, which the interface sends at most).
 *
 * @param address the address tested, without credentials
 * @param steps   the steps that ran
 */
public record ConnectionCheck(String address, List<Step> steps) {
    public ConnectionCheck {
        steps = List.copyOf(steps);
    }

    /** Whether every step passed. */
    public boolean ok() {
        return !steps.isEmpty() && steps.stream().allMatch(Step::ok);
    }

    /**
     * One step.
     *
     * @param name   dns, tcp, socket, tls, connack, puback or qos
     * @param ok     whether it passed
     * @param millis how long it took
     * @param detail what was found (addresses, the certificate, ...) or why it failed; never a secret
     */
    public record Step(String name, boolean ok, long millis, String detail) {
    }
}
