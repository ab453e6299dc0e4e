package io.flowmqtt.webhook.internal;

import java.util.Locale;

/** Why a request was refused: the HTTP status, its reason phrase, and the counter it goes to. */
enum Rejection {
    BAD_REQUEST(400, "Bad Request"),
    UNAUTHORIZED(401, "Unauthorized"),
    METHOD_NOT_ALLOWED(405, "Method Not Allowed"),
    PAYLOAD_TOO_LARGE(413, "Payload Too Large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type"),
    FAILED(500, "Internal Server Error"),
    UNAVAILABLE(503, "Service Unavailable");

    private final int status;
    private final String reason;

    Rejection(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    int status() { return status; }

    String reason() { return reason; }

    /** The status counter's key: {@code rejected.bad_request} and so on. */
    String counterKey() {
        return "rejected." + name().toLowerCase(Locale.ROOT);
    }
}
