package io.flowmqtt.transport.internal;

import io.flowmqtt.api.status.LogEntry.Kind;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * An interface's Paho client, and which connect attempt is the current one. The client is created for
 * the first connect, kept across reconnects, and discarded when the connection settings change or it
 * stops working. Answers that belong to an earlier attempt, or to a discarded client, are recognised by
 * the attempt number and ignored.
 *
 * <p>Used on the engine's loop, where its callbacks are handed; {@link #client} is also read by whichever
 * thread sends.
 */
final class ClientSlot {
    /** What the client reports, handed to the loop. */
    interface Events {
        void connectionLost(MqttAsyncClient client, Throwable cause);

        /** A message on the only subscription: the owner announcements of the collision watch. */
        void announcement(MqttAsyncClient client, byte[] payload);
    }

    private final EngineLoop loop;
    private final InterfaceQueue queue;
    private final CommunicationLog log;
    private final Events events;
    private volatile MqttAsyncClient client;
    private IMqttToken connecting;
    private String statusTopic; // of the connection that came up last: where "offline" goes
    private long attempt;

    ClientSlot(EngineLoop loop, InterfaceQueue queue, CommunicationLog log, Events events) {
        this.loop = loop;
        this.queue = queue;
        this.log = log;
        this.events = events;
    }

    /** The client, or {@code null} while there is none. */
    MqttAsyncClient client() {
        return client;
    }

    /** The number of the current attempt. */
    long attempt() {
        return attempt;
    }

    /** Begins a new attempt and returns its number. */
    long nextAttempt() {
        return ++attempt;
    }

    /** Late answers to the current attempt are ignored from now on. */
    void endAttempt() {
        attempt++;
    }

    /** Whether {@code thisAttempt} is still the current one, with a client. */
    boolean current(long thisAttempt) {
        return thisAttempt == attempt && client != null;
    }

    /** The client, created when there is none (for the first connect, or after one was discarded). */
    MqttAsyncClient open(ConnectionSettings connection) throws MqttException {
        if (client == null) {
            MqttAsyncClient created = PahoClients.create(connection);
            created.setCallback(new Callback(created));
            client = created;
        }
        return client;
    }

    void connect(MqttConnectOptions options, IMqttActionListener answer) throws MqttException {
        connecting = client.connect(options, null, answer);
    }

    /** CONNACK arrived: "offline" goes to this status topic when the client is closed in order. */
    void connected(String statusTopic) {
        this.statusTopic = statusTopic;
    }

    /**
     * Drops the client, ending the attempt; what it had in flight goes back to the queue. Orderly means
     * "offline" first and a DISCONNECT the broker sees.
     */
    void close(boolean orderly, String broker) {
        attempt++;
        MqttAsyncClient c = client;
        client = null;
        IMqttToken connect = connecting;
        connecting = null;
        if (c == null) {
            return;
        }
        if (orderly && connect != null && !connect.isComplete()) {
            // Paho 1.2.5 starts its comms threads with "while (!isRunning()) sleep(100)" loops: closing the client
            // in that phase leaves its "MQTT Con" thread spinning forever. Let the attempt finish first (it ends with
            // CONNACK or an error well within a second; after a connect timeout the threads are long started).
            try {
                connect.waitForCompletion(1000);
            } catch (MqttException | RuntimeException e) {
                // failed, or still waiting for CONNACK: the threads are started, it can be discarded now
            }
        }
        MessageJournal j = queue.journal();
        if (j != null) {
            j.requeueInflight();
        }
        if (orderly && c.isConnected()) {
            c.setCallback(null);
            try {
                c.publish(statusTopic, PahoClients.OFFLINE, 1, true).waitForCompletion(1000);
                c.disconnect(500).waitForCompletion(2000);
                log.add(Kind.DISCONNECT, "disconnected from " + broker + " (orderly, status offline)");
            } catch (MqttException | RuntimeException e) {
                log.add(Kind.DISCONNECT, "disconnect from " + broker + " was not clean: " + ErrorText.describe(e));
            }
        }
        PahoClients.discard(c);
    }

    private final class Callback implements MqttCallback {
        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void connectionLost(Throwable cause) {
            loop.execute(() -> events.connectionLost(owner, cause));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            loop.execute(() -> events.announcement(owner, message.getPayload()));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // handled per message by the sender
        }
    }
}
