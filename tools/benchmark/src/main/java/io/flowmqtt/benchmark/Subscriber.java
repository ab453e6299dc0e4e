package io.flowmqtt.benchmark;

import java.util.UUID;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The one MQTT subscriber (Paho, QoS 1) where every message of both bridges is counted: widgets of any prefix and
 * device ({@code +/+/widgets/#}), stamped with {@link System#nanoTime()} on arrival and handed to the current
 * {@link Sink}. Messages from another round or without a mark are ignored by the sinks.
 */
public final class Subscriber implements AutoCloseable {
    /** Where arrivals go; called on Paho's callback thread, so it must be quick. */
    public interface Sink {
        void arrived(String topic, Payloads.Mark mark, long arrivedNanos);
    }

    public static final String FILTER = "+/+/widgets/#";

    private final MqttClient client;
    private volatile Sink sink = (topic, mark, at) -> { };
    private volatile Throwable lost;

    public Subscriber(String url) throws MqttException {
        client = new MqttClient(url, "benchmark-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lost = cause;
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                long now = System.nanoTime();
                sink.arrived(topic, Payloads.mark(message.getPayload()), now);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setMaxInflight(1000);
        client.connect(options);
        client.subscribe(FILTER, 1);
    }

    public void sink(Sink sink) {
        this.sink = sink;
    }

    /** Fails when the subscriber lost the broker: every count after that would be wrong. */
    public void check() {
        if (lost != null || !client.isConnected()) {
            throw new BenchmarkFailure("the benchmark's subscriber lost the broker: " + lost);
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close(true);
        } catch (MqttException e) {
            // closing: nothing more to do
        }
    }
}
