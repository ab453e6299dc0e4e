package io.flowmqtt.api.status;

/** Where an interface's connection stands. */
public enum ConnectionState {
    /** {@code enabled=false}: no connection attempts; publishes are rejected. */
    DISABLED,
    /** The configuration cannot be used; the status detail names the property and the reason. */
    INVALID_CONFIGURATION,
    /** A connection attempt is under way. */
    CONNECTING,
    /** Connected; the status names the broker. */
    CONNECTED,
    /** Not connected; the status detail says why and when the next attempt is. */
    DISCONNECTED,
    /**
     * The interface's queue cannot be written (disk full, file system read-only, ...): new messages are refused
     * and what is queued stays queued; the status detail names the file and the cause. It goes back to its
     * connection state by itself once a write succeeds again.
     */
    QUEUE_FAILED
}
