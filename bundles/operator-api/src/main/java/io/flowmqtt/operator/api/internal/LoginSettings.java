package io.flowmqtt.operator.api.internal;

import java.time.Duration;

/**
 * The login configuration, validated once. An unusable one keeps the API closed: every call is answered
 * with 503 and {@link #problem()}, which names the property but never repeats the hash.
 *
 * @param username the operator's login name
 * @param hash     the password hash, or {@code null} when there is a problem
 * @param idle     how long an unused session lives
 * @param problem  why the API is closed, or {@code null}
 */
record LoginSettings(String username, PasswordHash hash, Duration idle, String problem) {

    static LoginSettings from(OperatorConfig config) {
        String username = config.username() == null ? "" : config.username().strip();
        String text = config.passwordHash() == null ? "" : config.passwordHash().strip();
        if (text.isEmpty()) {
            return closed("no operator password is set: run bin/flow-passwd and put the passwordHash line it prints "
                    + "into conf/flow.operator.cfg");
        }
        if (username.isEmpty()) {
            return closed(OperatorComponent.PID + ": username is empty");
        }
        if (config.sessionMinutes() < 1 || config.sessionMinutes() > 10_080) {
            return closed(OperatorComponent.PID + ": sessionMinutes must be 1 to 10080, is " + config.sessionMinutes());
        }
        try {
            return new LoginSettings(username, PasswordHash.parse(text), Duration.ofMinutes(config.sessionMinutes()), null);
        } catch (IllegalArgumentException e) {
            return closed(OperatorComponent.PID + ": passwordHash " + e.getMessage() + "; make a new one with bin/flow-passwd");
        }
    }

    static LoginSettings closed(String why) {
        return new LoginSettings("", null, Duration.ofMinutes(60), why);
    }
}
