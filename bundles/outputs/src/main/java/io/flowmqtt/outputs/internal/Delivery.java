package io.flowmqtt.outputs.internal;

import com.google.gson.JsonObject;
import io.flowmqtt.api.FlowEvent;
import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.OutboundMessage;
import io.flowmqtt.api.PublishResult;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Turns an event into an MQTT message and queues it on an interface, counting what was taken and what refused. */
final class Delivery {
    private final LongSupplier clock;
    private final Supplier<String> blockName;
    private final OutputCounters counters;

    Delivery(LongSupplier clock, Supplier<String> blockName, OutputCounters counters) {
        this.clock = clock;
        this.blockName = blockName;
        this.counters = counters;
    }

    void send(OutputSettings settings, MqttInterface iface, FlowEvent event) {
        JsonObject payload = PayloadBuilder.build(event, blockName.get(), iface.deviceId(), UUID.randomUUID().toString(),
                iface.timestampFormat());
        PublishResult result = iface.publish(new OutboundMessage(settings.subTopic(event.subject()), settings.qos(),
                settings.retain(), seq -> PayloadBuilder.render(payload, seq)));
        if (result == PublishResult.QUEUED || result == PublishResult.QUEUED_DROPPED_OLDEST) {
            counters.published.incrementAndGet();
            counters.lastPublishedAt.set(clock.getAsLong());
        } else {
            counters.rejected.incrementAndGet();
        }
    }
}
