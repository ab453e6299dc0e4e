package io.flowmqtt.api;

/**
 * A snapshot of one output (factory configuration {@code flow.mqtt.output}).
 *
 * @param name            the output's name
 * @param interfaceName   the interface it publishes through
 * @param source          the data-source type it takes events from
 * @param state           where it stands
 * @param detail          why, in words ("waiting for source network", "policy: 'creat' is not ...")
 * @param received        events received from the source
 * @param published       messages handed to the interface and queued there
 * @param filtered        events left out by the policy or the widget selection
 * @param coalesced       updates replaced by a newer update of the same event (minUpdateInterval)
 * @param rejected        messages the interface did not queue (queue full with drop policy NEWEST, interface invalid, ...)
 * @param lastPublishedAt when a message was last handed to the interface and queued there, epoch milliseconds;
 *                        0 if never since the runtime started
 */
public record OutputStatus(String name, String interfaceName, String source, OutputState state, String detail,
                           long received, long published, long filtered, long coalesced, long rejected,
                           long lastPublishedAt) {

    /** The status of API 1.0, without {@code lastPublishedAt}. */
    public OutputStatus(String name, String interfaceName, String source, OutputState state, String detail,
                        long received, long published, long filtered, long coalesced, long rejected) {
        this(name, interfaceName, source, state, detail, received, published, filtered, coalesced, rejected, 0);
    }
}
