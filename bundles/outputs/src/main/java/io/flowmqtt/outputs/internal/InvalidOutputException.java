package io.flowmqtt.outputs.internal;

/** A configuration value that cannot be used; the message names the property and the reason. */
final class InvalidOutputException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String property;
    private final String reason;

    InvalidOutputException(String property, String reason) {
        super(property + ": " + reason);
        this.property = property;
        this.reason = reason;
    }

    String property() {
        return property;
    }

    /** The message without the property's name in front. */
    String reason() {
        return reason;
    }
}
