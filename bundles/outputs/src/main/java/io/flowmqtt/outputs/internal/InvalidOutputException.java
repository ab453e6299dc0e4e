package io.flowmqtt.outputs.internal;

/** A configuration value that cannot be used; the message names the property and the reason. */
final class InvalidOutputException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidOutputException(String property, String reason) {
        super(property + ": " + reason);
    }
}
