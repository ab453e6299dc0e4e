package io.flowmqtt.operator.api.internal;

import java.util.Set;
import java.util.TreeSet;

/**
 * What differs between the interfaces and the outputs as configurations.
 *
 * @param factoryPid    the factory PID
 * @param noun          what one is called in messages ({@code interface})
 * @param secrets       properties never returned, only whether they are set; absent or {@code null} in a PUT
 *                      keeps them, {@code ""} clears them
 * @param inlineSecrets properties returned when they name a file, kept like {@code secrets} and never returned
 *                      when they hold PEM text (an inline private key)
 */
record Kind(String factoryPid, String noun, Set<String> secrets, Set<String> inlineSecrets) {
    static final Kind INTERFACES = new Kind("flow.mqtt.interface", "interface", Set.of("password", "clientKeyPassword"),
            Set.of("clientKey"));
    static final Kind OUTPUTS = new Kind("flow.mqtt.output", "output", Set.of(), Set.of());

    /** Whether {@code key} of a configuration of this kind is never returned, given the metatype's opinion. */
    boolean secret(String key, boolean passwordType) {
        return passwordType || secrets.contains(key);
    }

    /** Whether the value is text to keep to the runtime rather than a file's name. */
    static boolean inline(Object value) {
        return value != null && value.toString().contains("-----BEGIN");
    }

    /** Every property kept by a PUT that leaves it out. */
    Set<String> kept() {
        Set<String> all = new TreeSet<>(secrets);
        all.addAll(inlineSecrets);
        return all;
    }
}
