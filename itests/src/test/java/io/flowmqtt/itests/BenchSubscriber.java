package io.flowmqtt.itests;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The benchmarks' subscriber: a plain Paho client in the same JVM as the publishers, so that a
 * {@code System.nanoTime()} written into a payload ({@code "sent_ns":<n>}) gives the end-to-end latency.
 * It keeps, per message, only numbers (arrival, sending time, and the {@code "n":<k>} sequence number if the
 * payload has one), so that recording costs next to nothing at tens of thousands of messages per second.
 */
final class BenchSubscriber implements AutoCloseable {
    /** What one run received: arrival and sending times (ns), sequence numbers (-1 when absent). */
    record Arrivals(long[] arrived, long[] sent, long[] seq, long[] payloadBytes) {
        int count() {
            return arrived.length;
        }

        long lastArrival() {
            return arrived.length == 0 ? 0 : arrived[arrived.length - 1];
        }

        /** End-to-end latencies in ms of the messages whose index is in [from, to). */
        double[] latenciesMillis(int from, int to) {
            double[] out = new double[Math.max(0, to - from)];
            for (int i = from; i < to; i++) {
                out[i - from] = (arrived[i] - sent[i]) / 1e6;
            }
            return out;
        }
    }

    private final MqttClient client;
    private final MqttConnectOptions options;
    private final String filter;
    private long[] arrived = new long[1024];
    private long[] sent = new long[1024];
    private long[] seq = new long[1024];
    private long[] bytes = new long[1024];
    private int size;
    private byte[] latest;

    /** Subscribes to {@code filter} at QoS 2; with {@code persistentSession} the broker keeps what arrives while it is away. */
    BenchSubscriber(String url, String filter, boolean persistentSession) throws MqttException {
        this.filter = filter;
        client = new MqttClient(url, "bench-sub-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // the drain benchmark stops the broker on purpose and reconnects itself
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                record(System.nanoTime(), message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        options = new MqttConnectOptions();
        options.setCleanSession(!persistentSession);
        options.setAutomaticReconnect(false);
        options.setMaxInflight(1000);
        connect();
    }

    /** (Re)connects and subscribes; for a persistent session the broker then sends what it kept. */
    void connect() throws MqttException {
        client.connect(options);
        client.subscribe(filter, 2);
    }

    private synchronized void record(long now, byte[] payload) {
        if (size == arrived.length) {
            arrived = Arrays.copyOf(arrived, size * 2);
            sent = Arrays.copyOf(sent, size * 2);
            seq = Arrays.copyOf(seq, size * 2);
            bytes = Arrays.copyOf(bytes, size * 2);
        }
        arrived[size] = now;
        sent[size] = field(payload, SENT);
        seq[size] = field(payload, SEQ);
        bytes[size] = payload.length;
        size++;
        latest = payload; // Paho gives every message its own array
        notifyAll();
    }

    synchronized int count() {
        return size;
    }

    /** The latest payload received, as text; {@code null} before the first. */
    synchronized String latest() {
        return latest == null ? null : new String(latest, StandardCharsets.UTF_8);
    }

    /** Everything received since the last reset, and starts afresh. */
    synchronized Arrivals reset() {
        Arrivals out = snapshot();
        size = 0;
        return out;
    }

    synchronized Arrivals snapshot() {
        return new Arrivals(Arrays.copyOf(arrived, size), Arrays.copyOf(sent, size), Arrays.copyOf(seq, size), Arrays.copyOf(bytes, size));
    }

    /**
     * Waits until {@code count} messages have arrived, or until none has arrived for {@code quietMillis} (QoS 0
     * may lose messages), or the deadline. Returns the number that arrived.
     */
    synchronized int await(int count, long quietMillis, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        int seen = size;
        long quietUntil = System.currentTimeMillis() + quietMillis;
        while (size < count) {
            long now = System.currentTimeMillis();
            if (size != seen) {
                seen = size;
                quietUntil = now + quietMillis;
            }
            if (now >= deadline || now >= quietUntil) {
                break;
            }
            wait(Math.min(deadline, quietUntil) - now);
        }
        return size;
    }

    private static final byte[] SENT = "\"sent_ns\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEQ = "\"n\":".getBytes(StandardCharsets.US_ASCII);

    /** The non-negative integer after {@code key} in the payload, or -1. */
    static long field(byte[] payload, byte[] key) {
        outer:
        for (int i = 0; i + key.length < payload.length; i++) {
            for (int k = 0; k < key.length; k++) {
                if (payload[i + k] != key[k]) {
                    continue outer;
                }
            }
            long value = 0;
            int j = i + key.length;
            if (j >= payload.length || payload[j] < '0' || payload[j] > '9') {
                return -1;
            }
            while (j < payload.length && payload[j] >= '0' && payload[j] <= '9') {
                value = value * 10 + (payload[j++] - '0');
            }
            return value;
        }
        return -1;
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close(true);
        } catch (MqttException e) {
            // teardown of a benchmark: nothing to do
        }
    }
}
