package io.flowmqtt.transport.internal;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * What an interface tells its consumers after an outage, on {@code <root>/status/outage} right after the
 * reconnect and before the backlog: when the connection was lost and why, how long it was gone, how
 * many messages were queued meanwhile (the backlog that follows, oldest first, with their original
 * timestamps) and how many the queue had to drop (the gaps in {@code seq} to expect).
 *
 * @param since          when the connection was lost, epoch ms
 * @param cause          why, in words
 * @param acceptedBefore the interface's accepted counter when the connection was lost
 * @param droppedBefore  the interface's dropped counter when the connection was lost
 */
record OutageReport(long since, String cause, long acceptedBefore, long droppedBefore) {

    byte[] toJson(long now, String deviceId, String interfaceName, String broker, long backlog, long accepted, long dropped) {
        JsonObject report = new JsonObject();
        report.addProperty("device_id", deviceId);
        report.addProperty("interface", interfaceName);
        report.addProperty("broker", broker);
        report.addProperty("disconnected_at", since);
        report.addProperty("reconnected_at", now);
        report.addProperty("duration_ms", now - since);
        report.addProperty("cause", cause);
        report.addProperty("queued_during_outage", accepted - acceptedBefore);
        report.addProperty("dropped_during_outage", dropped - droppedBefore);
        report.addProperty("backlog", backlog);
        return report.toString().getBytes(StandardCharsets.UTF_8);
    }
}
