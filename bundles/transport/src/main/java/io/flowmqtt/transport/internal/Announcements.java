package io.flowmqtt.transport.internal;

import io.flowmqtt.api.status.LogEntry.Kind;
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
    private OutageReport outage; // since the connection was lost, until a connection holds again
    private boolean reported;    // the outage report of this outage went out
    private boolean onlineHeld;  // "online" waits until the connection holds

    Announcements(CounterSet counters, CommunicationLog log, LongSupplier clock) {
        this.counters = counters;
        this.log = log;
        this.clock = clock;
    }

    /**
     * The connection was lost. A connection that never held (no delivery, not up for long) does not end
     * an outage: the outage that began before it goes on, and its report is not sent again.
     */
    void connectionLost(String why, boolean held) {
        if (outage == null || held) {
            outage = new OutageReport(clock.getAsLong(), why, counters.accepted.get(), counters.dropped.get());
            reported = false;
        }
    }

    /**
     * Right after CONNACK, before any queued message: {@code online} and the outage report, each once per
     * outage. While an outage goes on (the connection came back but did not hold), {@code online} waits for
     * {@link #held}, so a flapping connection does not flap the device's status.
     */
    void connected(MqttAsyncClient client, InterfaceSettings s, BrokerAddress address, long backlog) throws MqttException {
        ConnectionSettings connection = s.connection();
        onlineHeld = outage != null && reported;
        if (!onlineHeld) {
            client.publish(connection.statusTopic(), PahoClients.ONLINE, 1, true);
        }
        if (outage != null && !reported) {
            long now = clock.getAsLong();
            client.publish(connection.statusTopic() + "/outage", outage.toJson(now, s.deviceId(), s.name(), address.display(),
                    backlog, counters.accepted.get(), counters.dropped.get()), 1, false);
            reported = true;
            log.add(Kind.STATE, "back after " + (now - outage.since()) + " ms; outage report sent, backlog " + backlog);
        }
    }

    /** The connection holds: the outage is over; {@code online} goes out now if it waited. */
    void held(MqttAsyncClient client, InterfaceSettings s) {
        outage = null;
        if (onlineHeld) {
            onlineHeld = false;
            try {
                client.publish(s.connection().statusTopic(), PahoClients.ONLINE, 1, true);
            } catch (MqttException e) {
                log.add(Kind.ERROR, "could not publish online status: " + ErrorText.describe(e));
            }
        }
    }

    /** After the subscription to the owner topic: tell other devices under the same root who we are. */
    void announceOwner(MqttAsyncClient client, InterfaceSettings s) throws MqttException {
        ConnectionSettings connection = s.connection();
        client.publish(CollisionWatch.topic(connection.topicRoot()),
                CollisionWatch.announcement(connection.clientId(), s.name(), false), 1, false);
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
