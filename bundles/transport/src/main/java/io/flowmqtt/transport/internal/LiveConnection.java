package io.flowmqtt.transport.internal;

import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.LogEntry.Kind;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * A connection from CONNACK on: {@code online} and the outage report before anything queued, the QoS 2
 * probe subscription whose grant caps the QoS of every message, and only then {@code CONNECTED}; after
 * that, whether the connection holds (a delivery completed, or {@value #HOLDS_AFTER_MILLIS} ms up), and
 * the watchdog that finds a client that stopped completing deliveries. Runs on the engine's loop, except
 * {@link #delivered}.
 */
final class LiveConnection {
    /** What the connection loop hears. */
    interface Events {
        /** The connection holds: the backoff starts afresh. */
        void holds();

        /** The client is alive but does not work. */
        void stuck(String why);
    }

    /** A connection that has lasted this long without trouble holds, even when nothing was sent on it. */
    static final long HOLDS_AFTER_MILLIS = 10_000;

    private final EngineLoop loop;
    private final ClientSlot slot;
    private final EngineState state;
    private final CommunicationLog log;
    private final InterfaceQueue queue;
    private final Sender sender;
    private final Announcements announcements;
    private final LongSupplier clock;
    private final Events events;
    private boolean holds; // the current connection delivered something, or lasted HOLDS_AFTER_MILLIS (loop only)
    private volatile boolean deliveredOnConnection;

    LiveConnection(EngineLoop loop, ClientSlot slot, EngineState state, CommunicationLog log, InterfaceQueue queue,
                   Sender sender, Announcements announcements, LongSupplier clock, Events events) {
        this.loop = loop;
        this.slot = slot;
        this.state = state;
        this.log = log;
        this.queue = queue;
        this.sender = sender;
        this.announcements = announcements;
        this.clock = clock;
        this.events = events;
    }

    /** CONNACK of attempt {@code thisAttempt} to {@code address} arrived. */
    void connected(long thisAttempt, BrokerAddress address, InterfaceSettings s) {
        holds = false;
        deliveredOnConnection = false;
        MqttAsyncClient client = slot.client();
        MessageJournal j = queue.journal();
        try {
            // before the state says CONNECTED: no queued message may overtake online and the outage report
            announcements.connected(client, s, address, j == null ? 0 : j.size());
            // The subscription of the collision watch asks for QoS 2: what the broker grants is the most it takes.
            client.subscribe(CollisionWatch.topic(s.connection().topicRoot()), 2, null,
                    loop.answer((token, e) -> onSubscribed(thisAttempt, address, e == null ? token.getGrantedQos() : null, e)));
            loop.after(s.connection().connectTimeoutSeconds(), TimeUnit.SECONDS, () -> onSubscribed(thisAttempt, address, null,
                    new MqttException(MqttException.REASON_CODE_CLIENT_TIMEOUT)));
        } catch (MqttException e) {
            log.add(Kind.ERROR, "could not announce the connection: " + ErrorText.describe(e));
            onSubscribed(thisAttempt, address, null, e);
        }
    }

    /** The broker's answer to the QoS 2 subscription (or none): from now on messages go out. */
    private void onSubscribed(long thisAttempt, BrokerAddress address, int[] granted, Throwable e) {
        if (!slot.current(thisAttempt) || state.state() == ConnectionState.CONNECTED) {
            return;
        }
        loop.cancelTimers();
        InterfaceSettings s = state.settings();
        int max = granted != null && granted.length == 1 && granted[0] >= 0 && granted[0] <= 2 ? granted[0] : -1;
        state.setBrokerMaxQos(max);
        String qosWords = BrokerQos.describe(max, s.qos(), e);
        log.add(max >= 0 && max < 2 ? Kind.STATE : Kind.CONNECT, qosWords);
        if (max >= 0 && max < s.qos()) {
            InterfaceEngine.LOG.warn("MQTT interface {}: {}", s.name(), qosWords);
        } else {
            InterfaceEngine.LOG.info("MQTT interface {}: {}", s.name(), qosWords);
        }
        try {
            announcements.announceOwner(slot.client(), s);
        } catch (MqttException ex) {
            log.add(Kind.ERROR, "could not announce the client id: " + ErrorText.describe(ex));
        }
        state.setState(ConnectionState.CONNECTED, "connected to " + address.display()
                + (max >= 0 && max < s.qos() ? "; the broker grants at most QoS " + max : ""), true); // "connected to" logged
        loop.after(HOLDS_AFTER_MILLIS, TimeUnit.MILLISECONDS, () -> connectionHolds(thisAttempt));
        long every = Math.max(1000, s.deliveryTimeoutSeconds() * 1000L / 4);
        loop.every(every, () -> checkProgress(thisAttempt));
        sender.request();
    }

    /** A delivery completed (any thread): the first on a connection shows that it holds. */
    void delivered() {
        if (!deliveredOnConnection) {
            deliveredOnConnection = true; // once per connection; the loop does the rest
            loop.execute(() -> connectionHolds(slot.attempt()));
        }
    }

    /** The connection delivered something or lasted: the outage is over and the backoff starts afresh. */
    private void connectionHolds(long thisAttempt) {
        if (!slot.current(thisAttempt) || holds || state.state() != ConnectionState.CONNECTED) {
            return;
        }
        holds = true;
        events.holds();
        announcements.held(slot.client(), state.settings());
    }

    /** Messages in flight and no delivery for deliveryTimeoutSeconds: the client is stuck; start over. */
    private void checkProgress(long thisAttempt) {
        MessageJournal j = queue.journal();
        InterfaceSettings s = state.settings();
        if (!slot.current(thisAttempt) || s == null || j == null || state.state() != ConnectionState.CONNECTED) {
            return;
        }
        if (!slot.client().isConnected()) {
            events.stuck("the client lost its connection without reporting it");
            return;
        }
        if (j.inflightCount() == 0) {
            return;
        }
        long quiet = clock.getAsLong() - sender.lastProgressAt();
        if (quiet > s.deliveryTimeoutSeconds() * 1000L) {
            events.stuck("no delivery completed for " + quiet / 1000 + " s while " + j.inflightCount()
                    + " message(s) were in flight (deliveryTimeoutSeconds=" + s.deliveryTimeoutSeconds() + ")");
        }
    }

    /** The connection ended (lost, or its client discarded as stuck): an outage begins, unless one goes on. */
    void ended(String why) {
        announcements.connectionLost(why, holds);
    }

    /** A message on the owner topic: another device's announcement is a collision, reported as the last error. */
    void announcementArrived(MqttAsyncClient from, byte[] payload) {
        InterfaceSettings s = state.settings();
        if (from != slot.client() || s == null) {
            return;
        }
        String collision = announcements.announcementArrived(slot.client(), s, payload);
        if (collision != null) {
            state.setLastError(collision);
        }
    }
}
