package io.flowmqtt.transport.internal;

import io.flowmqtt.api.status.LogEntry.Kind;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * Moves messages from an interface's journal to its Paho client, keeping up to {@code maxInflight}
 * on the wire (one while the {@link PoisonWatch} is careful), and takes them out of the journal when
 * their delivery completes. Topic and QoS are resolved here, at sending time ({@link SendPlan}).
 *
 * <p>It sends on the calling thread (a publisher, Paho's callback thread, or the engine's loop): a
 * thread hop per message would cost more than the send. Only one thread drains at a time, so
 * messages leave in queue order; a request that arrives meanwhile makes the draining thread go
 * round once more.
 */
final class Sender {
    /** What the engine hears from the sender. */
    interface Events {
        /** A delivery completed (the first on a connection shows the connection works). */
        void delivered();

        /** {@code client.publish} failed although the client says it is connected: it is stuck, not gone. */
        void publishFailed(MqttAsyncClient client, String why);

        /** Writing acknowledgements to the queue failed ({@code null}: it works again). */
        void queueWrite(String failure);
    }

    private final CounterSet counters;
    private final CommunicationLog log;
    private final Supplier<MqttAsyncClient> connectedClient;
    private final Supplier<MessageJournal> journal;
    private final Supplier<InterfaceSettings> settings;
    private final IntSupplier brokerMaxQos;
    private final PoisonWatch poison;
    private final LongSupplier clock;
    private final Events events;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile long lastSentAt;
    private volatile long lastProgressAt;

    /** @param connectedClient the client while the interface is connected, otherwise {@code null} */
    Sender(CounterSet counters, CommunicationLog log, Supplier<MqttAsyncClient> connectedClient,
           Supplier<MessageJournal> journal, Supplier<InterfaceSettings> settings, IntSupplier brokerMaxQos,
           PoisonWatch poison, LongSupplier clock, Events events) {
        this.counters = counters;
        this.log = log;
        this.connectedClient = connectedClient;
        this.journal = journal;
        this.settings = settings;
        this.brokerMaxQos = brokerMaxQos;
        this.poison = poison;
        this.clock = clock;
        this.events = events;
    }

    /** Sends what the window allows now (or has the thread that is already sending do it). */
    void request() {
        if (connectedClient.get() == null || requests.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            drain();
            missed = requests.addAndGet(-missed);
        } while (missed != 0);
    }

    /** When the last message was handed to the client. */
    long lastSentAt() {
        return lastSentAt;
    }

    /** When a delivery last completed, or a send began with nothing in flight: a stuck client makes no progress. */
    long lastProgressAt() {
        return lastProgressAt;
    }

    private void drain() {
        InterfaceSettings s = settings.get();
        MqttAsyncClient c = connectedClient.get();
        MessageJournal j = journal.get();
        if (s == null || c == null || j == null) {
            return;
        }
        String root = s.connection().topicRoot();
        List<MessageJournal.Entry> batch;
        while (true) {
            int inflight = j.inflightCount();
            batch = j.take(poison.window(s.connection().maxInflight()) - inflight);
            if (batch.isEmpty()) {
                return;
            }
            if (inflight == 0) {
                lastProgressAt = clock.getAsLong();
            }
            for (int i = 0; i < batch.size(); i++) {
                MessageJournal.Entry entry = batch.get(i);
                String topic = SendPlan.topic(entry, root);
                int qos = SendPlan.qos(entry, s.qos(), brokerMaxQos.getAsInt());
                try {
                    MqttMessage message = new MqttMessage(entry.payload());
                    message.setQos(qos);
                    message.setRetained(entry.retain());
                    lastSentAt = clock.getAsLong();
                    c.publish(topic, message, null, new Delivery(entry, topic, qos));
                    counters.published.incrementAndGet();
                    if (log.verbose()) {
                        log.add(Kind.PUBLISH, "sent seq " + entry.seq() + " to " + topic + " qos " + qos
                                + ", " + entry.payload().length + " bytes");
                    }
                } catch (MqttException | RuntimeException e) {
                    counters.failed.incrementAndGet();
                    for (int k = batch.size() - 1; k >= i; k--) {
                        j.unsend(batch.get(k).seq()); // back to the front, in their order
                    }
                    String why = "publish of seq " + entry.seq() + " to " + topic + " failed: " + ErrorText.describe(e);
                    log.add(Kind.ERROR, why);
                    if (c.isConnected()) {
                        events.publishFailed(c, why); // not a lost connection: nothing else would wake us up
                    }
                    return; // otherwise the connection is going, and connectionLost brings us back
                }
            }
        }
    }

    private final class Delivery implements IMqttActionListener {
        private final MessageJournal.Entry entry;
        private final String topic;
        private final int qos;

        Delivery(MessageJournal.Entry entry, String topic, int qos) {
            this.entry = entry;
            this.topic = topic;
            this.qos = qos;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            lastProgressAt = clock.getAsLong();
            poison.delivered(entry.seq());
            MessageJournal j = journal.get();
            try {
                if (j != null && j.delivered(entry.seq())) {
                    counters.delivered.incrementAndGet();
                    if (log.verbose()) {
                        log.add(Kind.DELIVERY, "delivered seq " + entry.seq() + " to " + topic + " qos " + qos);
                    }
                }
                events.queueWrite(j == null ? null : j.failure());
            } catch (IOException e) {
                events.queueWrite(e.getMessage());
            }
            events.delivered();
            request();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
            // The connection went; connectionLost puts everything in flight back in the queue.
            counters.failed.incrementAndGet();
            if (log.verbose()) {
                log.add(Kind.DELIVERY, "not delivered seq " + entry.seq() + ": " + ErrorText.describe(e));
            }
        }
    }
}
