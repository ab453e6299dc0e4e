package io.flowmqtt.api;

/**
 * A snapshot of one output (factory configuration {@code flow.mqtt.output}).
 *
 * @param name          the output's name
 * @param interfaceName the interface it publishes through
 * @param source        the data-source type it takes events from
 * @param state         where it stands
 * @param detail        why, in words ("waiting for source network", "policy: 'creat' is not ...")
 * @param received      events received from the source
 * @param published     messages handed to the interface and queued there
 * @param filtered      events left out by the policy or the widget selection
 * @param coalesced     updates replaced by a newer update of the same event (minUpdateInterval)
 * @param rejected      messages the interface did not queue (queue full with drop policy NEWEST, interface invalid, ...)
 */
public record OutputStatus(String name, String interfaceName, String source, OutputState state, String detail,
                           long received, long published, long filtered, long coalesced, long rejected) {
}
