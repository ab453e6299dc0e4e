package io.flowmqtt.transport.internal;

/** A configuration value that cannot be used. The message names the property and the reason, never a secret. */
public final class InvalidSettingException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String property;
    private final String reason;

    public InvalidSettingException(String property, String reason) {
        super(property + ": " + reason);
        this.property = property;
        this.reason = reason;
    }

    public String property() {
        return property;
    }

    /** The message without the property's name in front. */
    public String reason() {
        return reason;
    }
}
