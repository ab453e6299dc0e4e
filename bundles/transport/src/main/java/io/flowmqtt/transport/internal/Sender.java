package io.flowmqtt.transport.internal;

import io.flowmqtt.api.LogEntry.Kind;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * Moves messages from an interface's journal to its Paho client, keeping up to {@code maxInflight}
 * on the wire, and takes them out of the journal when their delivery completes.
 *
 * <p>It sends on the calling thread (a publisher, Paho's callback thread, or the engine's loop): a
 * thread hop per message would cost more than the send. Only one thread drains at a time, so
 * messages leave in queue order; a request that arrives meanwhile makes the draining thread go
 * round once more.
 */
final class Sender {
    private final CounterSet counters;
    private final CommunicationLog log;
    private final Supplier<MqttAsyncClient> connectedClient;
    private final Supplier<MessageJournal> journal;
    private final Supplier<InterfaceSettings> settings;
    private final Consumer<String> onError;
    private final AtomicInteger requests = new AtomicInteger();

    /**
     * @param connectedClient the client while the interface is connected, otherwise {@code null}
     * @param onError         receives a sentence for the interface's last error
     */
    Sender(CounterSet counters, CommunicationLog log, Supplier<MqttAsyncClient> connectedClient,
           Supplier<MessageJournal> journal, Supplier<InterfaceSettings> settings, Consumer<String> onError) {
        this.counters = counters;
        this.log = log;
        this.connectedClient = connectedClient;
        this.journal = journal;
        this.settings = settings;
        this.onError = onError;
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

    private void drain() {
        InterfaceSettings s = settings.get();
        MqttAsyncClient c = connectedClient.get();
        MessageJournal j = journal.get();
        if (s == null || c == null || j == null) {
            return;
        }
        int window = s.connection().maxInflight();
        List<MessageJournal.Entry> batch;
        while (!(batch = j.take(window - j.inflightCount())).isEmpty()) {
            for (int i = 0; i < batch.size(); i++) {
                MessageJournal.Entry entry = batch.get(i);
                try {
                    MqttMessage message = new MqttMessage(entry.payload());
                    message.setQos(entry.qos());
                    message.setRetained(entry.retain());
                    c.publish(entry.topic(), message, null, new Delivery(entry));
                    counters.published.incrementAndGet();
                    if (log.verbose()) {
                        log.add(Kind.PUBLISH, "sent seq " + entry.seq() + " to " + entry.topic() + " qos " + entry.qos()
                                + ", " + entry.payload().length + " bytes");
                    }
                } catch (MqttException | RuntimeException e) {
                    counters.failed.incrementAndGet();
                    for (int k = batch.size() - 1; k >= i; k--) {
                        j.unsend(batch.get(k).seq()); // back to the front, in their order
                    }
                    error("publish failed: " + ErrorText.describe(e));
                    return; // the connection is going; connectionLost brings us back
                }
            }
        }
    }

    private void error(String sentence) {
        onError.accept(sentence);
        log.add(Kind.ERROR, sentence);
    }

    private final class Delivery implements IMqttActionListener {
        private final MessageJournal.Entry entry;

        Delivery(MessageJournal.Entry entry) {
            this.entry = entry;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            MessageJournal j = journal.get();
            try {
                if (j != null && j.delivered(entry.seq())) {
                    counters.delivered.incrementAndGet();
                    if (log.verbose()) {
                        log.add(Kind.DELIVERY, "delivered seq " + entry.seq() + " to " + entry.topic() + " qos " + entry.qos());
                    }
                }
            } catch (IOException e) {
                error("queue write failed: " + e.getMessage());
            }
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
