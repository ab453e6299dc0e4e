package io.flowmqtt.transport.internal;

import io.flowmqtt.api.LogEntry.Kind;
import java.util.function.LongSupplier;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an interface says about itself under {@code <root>/status}: retained {@code online} after
 * every connect, an {@link OutageReport} after a connection came back, and the owner announcement
 * of the {@link CollisionWatch}, whose answers from other devices it turns into a collision error.
 * Used on the engine's loop thread only.
 */
final class Announcements {
    private static final Logger LOG = LoggerFactory.getLogger(Announcements.class);

    private final CounterSet counters;
    private final CommunicationLog log;
    private final LongSupplier clock;
    private OutageReport outage; // since the connection was lost, until it is back

    Announcements(CounterSet counters, CommunicationLog log, LongSupplier clock) {
        this.counters = counters;
        this.log = log;
        this.clock = clock;
    }

    /** The connection was lost: remember when and why, for the report after the reconnect. */
    void connectionLost(String why) {
        outage = new OutageReport(clock.getAsLong(), why, counters.accepted.get(), counters.dropped.get());
    }

    /** Right after CONNACK, before any queued message: online, the outage report, the owner announcement. */
    void connected(MqttAsyncClient client, InterfaceSettings s, BrokerAddress address, long backlog) throws MqttException {
        ConnectionSettings connection = s.connection();
        client.publish(connection.statusTopic(), PahoClients.ONLINE, 1, true);
        OutageReport report = outage;
        outage = null;
        if (report != null) {
            long now = clock.getAsLong();
            client.publish(connection.statusTopic() + "/outage", report.toJson(now, s.deviceId(), s.name(), address.display(),
                    backlog, counters.accepted.get(), counters.dropped.get()), 1, false);
            log.add(Kind.STATE, "back after " + (now - report.since()) + " ms; outage report sent, backlog " + backlog);
        }
        String ownerTopic = CollisionWatch.topic(connection.topicRoot());
        client.subscribe(ownerTopic, 1);
        client.publish(ownerTopic, CollisionWatch.announcement(connection.clientId(), s.name(), false), 1, false);
    }

    /**
     * A message on the owner topic. Returns the collision error when it is another device's
     * announcement (and answers a first announcement once), otherwise {@code null}.
     */
    String announcementArrived(MqttAsyncClient client, InterfaceSettings s, byte[] payload) {
        ConnectionSettings connection = s.connection();
        CollisionWatch.Finding finding = CollisionWatch.examine(payload, connection.clientId());
        if (finding == null) {
            return null;
        }
        String error = "device ID collision: client " + finding.otherClientId() + " (interface " + finding.otherInterface()
                + ") also publishes under " + connection.topicRoot() + "; give one device another device ID or prefix";
        log.add(Kind.ERROR, error);
        LOG.error("MQTT interface {}: {}", s.name(), error);
        if (finding.answer()) {
            try {
                client.publish(CollisionWatch.topic(connection.topicRoot()),
                        CollisionWatch.announcement(connection.clientId(), s.name(), true), 1, false);
            } catch (MqttException e) {
                log.add(Kind.ERROR, "could not answer the other device: " + ErrorText.describe(e));
            }
        }
        return error;
    }
}
