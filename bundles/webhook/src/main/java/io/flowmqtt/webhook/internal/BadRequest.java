package io.flowmqtt.webhook.internal;

/** A body that cannot be accepted; the message says what is wrong and names the field. */
final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message, null, false, false); // an expected outcome: no stack trace
    }
}
