package io.flowmqtt.api.status;

/** Where an output stands. */
public enum OutputState {
    /** Bound to its source and its interface; publishing. */
    ACTIVE,
    /** {@code enabled=false}. */
    DISABLED,
    /** The configuration cannot be used; the detail names the property and the reason. */
    INVALID_CONFIGURATION,
    /** No data source of the configured type is registered (yet). */
    WAITING_FOR_SOURCE,
    /** No MQTT interface of the configured name is registered (yet). */
    WAITING_FOR_INTERFACE
}
