package io.flowmqtt.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The identity of this FLOW device, from the singleton configuration {@code flow.device}. Topics
 * and payloads use the block name; it is re-registered when the configuration changes.
 */
@ProviderType
public interface DeviceIdentity {
    /** The FLOW block's user-given name, as in {@code block_name} of webhook payloads. */
    String blockName();
}
